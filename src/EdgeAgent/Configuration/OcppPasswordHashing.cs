using ChargeNet.Drivers.Ocpp;

namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>
/// The site configuration's OCPP passwords in the edge's stored form (<see cref="OcppStoredPassword"/>,
/// docs/security.md): a password arrives in a document, is hashed there, and only the hash is kept,
/// in memory and in the store.
/// </summary>
public static class OcppPasswordHashing
{
    /// <summary>
    /// <paramref name="incoming"/> (just read from a document: its passwords are the passwords) with each
    /// password replaced by its stored form. A password that is the one in force for the same charger
    /// keeps its stored form, so a document sent again unchanged is not a change. (A document cannot
    /// carry a stored form: the daemon's own changes of the configuration in force leave its secrets out.)
    /// </summary>
    public static SiteConfiguration HashIncoming(SiteConfiguration incoming, SiteConfiguration? current) => incoming with
    {
        Chargers = incoming.Chargers.Select(c => c.OcppPassword is { } password ? c with { OcppPassword = Hash(password, current?.Chargers.FirstOrDefault(k => k.Id == c.Id)?.OcppPassword) } : c).ToList(),
    };

    private static string Hash(string password, string? inForce) =>
        OcppStoredPassword.TryParse(inForce, out var stored) && stored!.Verify(password) ? inForce! : OcppStoredPassword.Create(password).Stored;
}
