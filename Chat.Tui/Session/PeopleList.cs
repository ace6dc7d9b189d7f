namespace Chat.Tui.Session;

/// <summary>
/// Who is online (or in a room): owners first, then operators, then everyone else, each group by
/// nickname, as irssi lists them; arrivals, departures, renames, roles and away reasons.
/// </summary>
public sealed class PeopleList
{
    private readonly List<Person> _people = [];

    public IReadOnlyList<Person> All => _people;

    public IEnumerable<string> Users => _people.Select(p => p.User);

    /// <summary>Everyone's username and nickname.</summary>
    public IEnumerable<string> Names => _people.SelectMany(p => new[] { p.User, p.Nick });

    /// <summary>Someone came online (again): an away reason already known stays.</summary>
    public void Arrive(Person person)
    {
        var index = _people.FindIndex(p => p.Is(person.User));
        if (index >= 0)
            _people[index] = person with { Away = person.Away ?? _people[index].Away };
        else
            _people.Add(person);
        Sort();
    }

    public void Remove(string user) => _people.RemoveAll(p => p.Is(user));

    public void Rename(string user, string nick)
    {
        var index = _people.FindIndex(p => p.Is(user));
        if (index >= 0)
            _people[index] = _people[index] with { Nick = nick };
        Sort();
    }

    public void Replace(IEnumerable<Person> people)
    {
        _people.Clear();
        _people.AddRange(people);
        Sort();
    }

    /// <summary>Records someone's away reason (null: back); false when nothing changed.</summary>
    public bool SetAway(string user, string? away)
    {
        var index = _people.FindIndex(p => p.Is(user));
        if (index < 0 || _people[index].Away == away)
            return false;
        _people[index] = _people[index] with { Away = away };
        return true;
    }

    /// <summary>Records someone's role in the room (null: none); false when nothing changed.</summary>
    public bool SetRole(string user, string? role)
    {
        var index = _people.FindIndex(p => p.Is(user));
        if (index < 0 || _people[index].Role == role)
            return false;
        _people[index] = _people[index] with { Role = role };
        Sort();
        return true;
    }

    public string? NickOf(string user) => _people.FirstOrDefault(p => p.Is(user))?.Nick;

    /// <summary>"!X bob" works with a username or with a nickname of someone online.</summary>
    public string Resolve(string name) =>
        _people.FirstOrDefault(p => p.Is(name))?.User
        ?? _people.FirstOrDefault(p => string.Equals(p.Nick, name, StringComparison.OrdinalIgnoreCase))?.User
        ?? name;

    private void Sort() => _people.Sort((a, b) => a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank) : StringComparer.OrdinalIgnoreCase.Compare(a.Nick, b.Nick));
}
