using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Chat.Tui.Views;

/// <summary>
/// !password: the old password and the new one twice, in fields that show no characters. They
/// never pass through the input bar, so they reach neither the message log nor the input
/// history. Change sends them when the two new ones agree; Esc or Cancel drops them.
/// </summary>
public sealed class PasswordDialog : Dialog
{
    private readonly TextField _old = new() { X = 12, Y = 1, Width = 30, Secret = true };
    private readonly TextField _new = new() { X = 12, Y = 2, Width = 30, Secret = true };
    private readonly TextField _again = new() { X = 12, Y = 3, Width = 30, Secret = true };
    private readonly Label _message = new() { X = 1, Y = 5, Width = 42, Height = 2 };

    /// <param name="change">Called with the old and the new password when the user confirms.</param>
    public PasswordDialog(Action<string, string> change)
    {
        Title = "Change password";
        Width = 46;
        Height = 11;
        _message.TextFormatter.WordWrap = true;
        _message.Text = "Your other terminals will be logged out.";
        Add(new Label { Text = "_Old:", X = 1, Y = 1 }, _old,
            new Label { Text = "_New:", X = 1, Y = 2 }, _new,
            new Label { Text = "_Again:", X = 1, Y = 3 }, _again,
            _message);
        var confirm = new Button { Text = "_Change", IsDefault = true };
        confirm.Accepting += (_, e) =>
        {
            e.Handled = true;
            if (Problem(_old.Text, _new.Text, _again.Text) is { } problem)
            {
                _message.Text = problem;
                SetNeedsDraw();
                return;
            }
            change(_old.Text, _new.Text);
            App?.RequestStop(this);
        };
        AddButton(new Button { Text = "C_ancel" });
        AddButton(confirm);
        Initialized += (_, _) => _old.SetFocus();
    }

    /// <summary>What is wrong with the form before anything is sent (the host checks the rest); null when nothing is.</summary>
    public static string? Problem(string oldPassword, string newPassword, string again) =>
        oldPassword.Length == 0 ? "Type your current password."
        : newPassword.Length == 0 ? "Type the new password."
        : newPassword != again ? "The two new passwords differ; type the same in both."
        : newPassword == oldPassword ? "The new password is the old one."
        : null;
}
