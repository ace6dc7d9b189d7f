using System.Diagnostics;
using Chat.Tui.Session;
using Chat.Tui.Views;
using Terminal.Gui.App;
using Terminal.Gui.Testing;
using Terminal.Gui.Time;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Chat.Bench;

/// <summary>
/// The input bar as a user fills it: 8,000 characters typed key by key, and the same pasted at
/// once, on the real view headless (ANSI driver, no terminal). Terminal.Gui's TextField kept an
/// undo copy per keystroke and took about 60 s and 3 GB for this; the bar's own line does not.
/// </summary>
internal static class InputScenario
{
    private const int Characters = 8000;
    private const int Rounds = 5;

    public static int Run(string[] args)
    {
        var text = string.Concat(Enumerable.Range(0, Characters).Select(i => i % 7 == 6 ? ' ' : (char)('a' + i % 26)));
        Console.WriteLine($"input bar: {Characters:N0} characters typed key by key, then pasted at once; best and median of {Rounds} rounds");
        var typed = new List<double>();
        var pasted = new List<double>();
        var allocated = new List<double>();
        long workingSetGrowth = 0;
        for (var round = 0; round < Rounds; round++)
        {
            using var app = Application.Create(new VirtualTimeProvider());
            app.Init("ansi");
            app.Driver!.SetScreenSize(120, 40);
            var session = new ChatSession(ServerAddress.Default);
            using var top = new Runnable { Width = Dim.Fill(), Height = Dim.Fill() };
            var bar = new InputBar(session) { Width = Dim.Fill() };
            top.Add(bar);
            var token = app.Begin(top);
            bar.FocusField();

            GC.Collect();
            var workingSet = Environment.WorkingSet;
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            foreach (var c in text)
                app.InjectKey(c);
            app.LayoutAndDraw();
            typed.Add(clock.Elapsed.TotalMilliseconds);
            allocated.Add((GC.GetAllocatedBytesForCurrentThread() - bytes) / 1024.0 / 1024.0);
            workingSetGrowth = Math.Max(workingSetGrowth, Environment.WorkingSet - workingSet);
            if (bar.Typed.Length != Characters)
                throw new InvalidOperationException($"the bar holds {bar.Typed.Length} characters, not {Characters}");

            bar.Typed = "";
            clock.Restart();
            app.RaisePasteEvent(text);
            app.LayoutAndDraw();
            pasted.Add(clock.Elapsed.TotalMilliseconds);

            app.End(token!);
            session.DisposeAsync().AsTask().Wait();
        }

        Console.WriteLine($"  typed   best {typed.Min(),8:0.0} ms   median {MessageLogScenario.Median(typed),8:0.0} ms   {MessageLogScenario.Median(allocated):0.0} MB allocated (median), working set grew at most {workingSetGrowth / 1024.0 / 1024.0:0.0} MB");
        Console.WriteLine($"  pasted  best {pasted.Min(),8:0.0} ms   median {MessageLogScenario.Median(pasted),8:0.0} ms");
        return 0;
    }
}
