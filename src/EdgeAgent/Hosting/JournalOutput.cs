namespace ChargeNet.EdgeAgent.Hosting;

/// <summary>
/// Whether standard output or error goes to the systemd journal. systemd names the journal's stream
/// in JOURNAL_STREAM ("device:inode"); a child process inherits the variable with its output perhaps
/// redirected elsewhere, so it counts only when it names one of our own streams (systemd.exec(5)).
/// </summary>
public static class JournalOutput
{
    /// <param name="environment">Reads an environment variable.</param>
    /// <param name="streamTarget">What file descriptor 1 or 2 is, as /proc/self/fd/N reads: "socket:[12345]", "pipe:[12345]", a path.</param>
    public static bool IsConnected(Func<string, string?> environment, Func<int, string?> streamTarget)
    {
        if (environment("JOURNAL_STREAM") is not { } stream || stream.Split(':') is not [{ Length: > 0 }, { Length: > 0 } inode])
        {
            return false;
        }

        // The inode is what /proc shows of a socket or pipe; the device is sockfs' or pipefs' own.
        return Names(streamTarget(1)) || Names(streamTarget(2));

        bool Names(string? target) => target is not null && target.EndsWith($":[{inode}]", StringComparison.Ordinal);
    }

    /// <summary>/proc/self/fd/<paramref name="fd"/>'s link target, or null where there is none (not Linux).</summary>
    public static string? ReadStreamTarget(int fd)
    {
        try
        {
            return new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
