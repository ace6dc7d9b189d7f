using System.Collections.ObjectModel;
using Chat.Tui.Session;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Chat.Tui.Views;

/// <summary>
/// The conversations: the rooms (the lobby first), then one per DM peer, each with its unread count. Moving the
/// selection (keys or mouse) switches the chat panel to that conversation.
/// </summary>
public sealed class DirectPanel : FrameView
{
    private readonly ObservableCollection<string> _rows = [];
    private readonly ListView _list;
    private IReadOnlyList<Conversation> _conversations = [];
    private bool _rendering;

    public DirectPanel()
    {
        Title = "Direct";
        _list = new ListView { Width = Dim.Fill(), Height = Dim.Fill() };
        _list.SetSource(_rows);
        _list.ValueChanged += (_, _) => OnSelectionMoved();
        _list.KeyDown += (_, key) =>
        {
            if (key != Key.Enter && key != Key.Tab && key != Key.Tab.WithShift)
                return;
            Done?.Invoke();
            key.Handled = true;
        };
        Add(_list);
    }

    /// <summary>The user picked a conversation here.</summary>
    public event Action<Conversation>? Picked;

    /// <summary>Enter or Tab: back to typing.</summary>
    public event Action? Done;

    public void FocusList() => _list.SetFocus();

    public void Render(IReadOnlyList<Conversation> conversations, Conversation current)
    {
        _rendering = true;
        try
        {
            _conversations = conversations.ToList();
            var rows = _conversations.Select(Describe).ToList();
            if (!rows.SequenceEqual(_rows))
            {
                _rows.Clear();
                foreach (var row in rows)
                    _rows.Add(row);
            }
            var unread = conversations.Sum(c => c.Unread);
            Title = unread > 0 ? $"Direct ({unread} unread)" : "Direct";
            var index = _conversations.IndexOf(current);
            if (_list.SelectedItem != index)
                _list.SelectedItem = index;
        }
        finally
        {
            _rendering = false;
        }
    }

    /// <summary>"1 lobby", "2 @bob (3)": the number is the Alt+number that selects it.</summary>
    public static string Describe(Conversation conversation, int index)
    {
        var number = index < 9 ? $"{index + 1} " : "  ";
        var name = conversation.IsDirect ? "@" + conversation.Title : "#" + conversation.Title;
        return conversation.Unread > 0 ? $"{number}{name} ({conversation.Unread})" : $"{number}{name}";
    }

    private void OnSelectionMoved()
    {
        if (_rendering || _list.SelectedItem is not { } index || index < 0 || index >= _conversations.Count)
            return;
        Picked?.Invoke(_conversations[index]);
    }
}
