using Chat.Tui.Log;
using System.Collections.ObjectModel;
using Chat.Tui.Session;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Chat.Tui.Views;

/// <summary>
/// Who is in the conversation on screen: a room's members (the lobby's are everyone online), or
/// the other person of a DM and whether they are online; nickname and username, me marked, away
/// people with their reason. A room's owners are marked ~ and its operators @ (host operators
/// too), as irssi marks them, and listed first (<see cref="PeopleList"/>).
/// </summary>
public sealed class PeoplePanel : FrameView
{
    private readonly ObservableCollection<string> _rows = [];

    public PeoplePanel()
    {
        Title = "People";
        CanFocus = false;
        var list = new ListView { Width = Dim.Fill(), Height = Dim.Fill(), CanFocus = false };
        list.SetSource(_rows);
        Add(list);
    }

    public void Render(Conversation current, IReadOnlyList<Person> people, Person? me)
    {
        Title = current.IsDirect ? $"With @{current.Title}" : current.IsLobby ? $"People ({people.Count})" : $"#{current.Title} ({people.Count})";
        var rows = people.Select(p => Describe(p, me)).ToList();
        if (rows.SequenceEqual(_rows))
            return;
        _rows.Clear();
        foreach (var row in rows)
            _rows.Add(row);
    }

    public static string Describe(Person person, Person? me)
    {
        var name = RoleMark(person.Role) + SafeText.Author(person.User, person.Nick);
        var row = me is not null && person.Is(me.User) ? $"{name} (me)" : name;
        if (person.Offline)
            return $"{row} [offline]";
        return person.Away switch
        {
            null => row,
            "" => $"{row} [away]",
            var reason => $"{row} [away: {SafeText.Visible(reason)}]",
        };
    }

    public static string RoleMark(string? role) => role switch { "owner" => "~", "operator" => "@", _ => "" };
}
