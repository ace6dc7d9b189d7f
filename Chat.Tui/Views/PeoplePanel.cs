using Chat.Tui.Log;
using System.Collections.ObjectModel;
using Chat.Tui.Session;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Chat.Tui.Views;

/// <summary>Who is online: nickname and username, me marked, away people with their reason.</summary>
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

    public void Render(IReadOnlyList<Person> people, Person? me)
    {
        var rows = people.Select(p => Describe(p, me)).ToList();
        if (rows.SequenceEqual(_rows))
            return;
        _rows.Clear();
        foreach (var row in rows)
            _rows.Add(row);
        Title = $"People ({people.Count})";
    }

    public static string Describe(Person person, Person? me)
    {
        var name = SafeText.Author(person.User, person.Nick);
        var row = me is not null && person.Is(me.User) ? $"{name} (me)" : name;
        return person.Away switch
        {
            null => row,
            "" => $"{row} [away]",
            var reason => $"{row} [away: {SafeText.Visible(reason)}]",
        };
    }
}
