namespace ChargeNet.EdgeAgent.Hosting;

/// <summary>Where the data directory is when no option names one.</summary>
public static class DataDirectoryDefaults
{
    /// <summary>
    /// systemd's StateDirectory= (it sets STATE_DIRECTORY), else /var/lib/chargenet under systemd,
    /// else ./data.
    /// </summary>
    public static string Resolve(Func<string, string?> environment, bool underSystemd)
    {
        if (environment("STATE_DIRECTORY") is { Length: > 0 } state)
        {
            return state.Split(':')[0];
        }

        return underSystemd ? "/var/lib/chargenet" : Path.GetFullPath("data");
    }
}
