Console.WriteLine("Chat.Tui: the client comes with its own issue.");
