using System.Text.Json;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// A charger's local list as OCPP 1.6 (section 3.5, 5.15) has a charger keep it: a Full update
/// replaces the list and its version; a Differential one must carry a higher version, adds or
/// replaces each entry with an idTagInfo, removes each without, and sets the version.
/// </summary>
internal sealed class ChargerList
{
    private readonly SortedDictionary<string, string> _entries = new(StringComparer.Ordinal);

    public int Version { get; private set; }

    public List<string> Entries => [.. _entries.Select(e => $"{e.Key}:{e.Value}")];

    public void Apply(JsonElement sendLocalList)
    {
        var version = sendLocalList.GetProperty("listVersion").GetInt32();
        if (sendLocalList.GetProperty("updateType").GetString() == "Full")
        {
            _entries.Clear();
        }
        else
        {
            Assert.True(version > Version, $"a Differential update to version {version} on a list at {Version} is a VersionMismatch");
        }

        foreach (var entry in sendLocalList.GetProperty("localAuthorizationList").EnumerateArray())
        {
            var idTag = entry.GetProperty("idTag").GetString()!;
            if (entry.TryGetProperty("idTagInfo", out var info))
            {
                _entries[idTag] = info.GetProperty("status").GetString()!;
            }
            else
            {
                _entries.Remove(idTag);
            }
        }

        Version = version;
    }
}
