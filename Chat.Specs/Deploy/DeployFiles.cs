namespace Chat.Specs.Deploy;

/// <summary>The repository's deploy/ folder and solution, found from where the specs run.</summary>
public static class DeployFiles
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string PathOf(string relative) => Path.Combine(RepositoryRoot, "deploy", relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Chat.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"no Chat.sln above {AppContext.BaseDirectory}");
    }
}
