using System.Collections.Concurrent;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.Upstream;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Events;

namespace ChargeNet.EdgeAgent.Ocpp;

/// <summary>
/// The OCPP chargers the site configuration lists; unknown ones are refused, or kept as pending for
/// the installer when the configuration accepts new chargers.
/// </summary>
public sealed class ConfiguredOcppChargerRegistry : IOcppChargerRegistry
{
    private readonly SiteConfigurationService _configuration;
    private readonly SiteEventLog _events;
    private readonly OcppPendingList _pending = new();

    // One verifier per charger for as long as its stored password stays the same: it holds the verify
    // cache that spares a reconnecting charger the PBKDF2 derivation (docs/security.md).
    private readonly ConcurrentDictionary<string, OcppStoredPassword> _passwords = new(StringComparer.Ordinal);

    public ConfiguredOcppChargerRegistry(SiteConfigurationService configuration, SiteEventLog events)
    {
        _configuration = configuration;
        _events = events;
    }

    /// <summary>Charge points that asked to connect and are not in the configuration yet.</summary>
    public IReadOnlyCollection<OcppPendingCharger> Pending => [.. _pending.All.Values];

    public Task<OcppChargerRegistration?> FindAsync(string chargePointId, CancellationToken cancellationToken)
    {
        var site = _configuration.Current?.Site;
        var charger = site?.Chargers.FirstOrDefault(c => ChargerProtocols.IsOcpp(c.Protocol) && c.Id == chargePointId);
        return Task.FromResult(charger is null ? null : new OcppChargerRegistration(
            charger.Id,
            charger.OcppPassword is { } stored ? PasswordOf(charger.Id, stored) : null,
            new OcppChargerSettings { Connectors = charger.Connectors, ReportsOfferedCurrent = charger.OfferedCurrentIsLimit },
            ChargerProtocols.OcppVersionOf(charger.Protocol)!.Value,
            UpstreamOf(site!.Ocpp?.Upstream, charger)));
    }

    /// <summary>Where the charger is relayed (docs/upstream.md); null when it is not.</summary>
    internal static OcppUpstreamTarget? UpstreamOf(OcppUpstreamSettings? upstream, ChargerSettings charger)
    {
        if (upstream is null || !OcppUpstreamSettingsRules.IsRelayed(upstream, charger))
        {
            return null;
        }

        var upstreamId = charger.UpstreamId ?? charger.Id;
        return new OcppUpstreamTarget(OcppUpstreamTarget.UrlOf(upstream.Url, upstreamId), upstreamId, charger.UpstreamPassword, upstream.CaFile, TimeSpan.FromSeconds(upstream.AnswerTimeoutS));
    }

    private OcppStoredPassword PasswordOf(string chargerId, string stored)
    {
        if (_passwords.TryGetValue(chargerId, out var known) && known.Stored == stored)
        {
            return known;
        }

        // The configuration in force holds stored forms only (OcppPasswordHashing); should a value not
        // parse, the charger is refused (checked against a random password) rather than let in.
        var password = OcppStoredPassword.TryParse(stored, out var parsed) ? parsed! : OcppStoredPassword.Create(Guid.NewGuid().ToString("N"));
        _passwords[chargerId] = password;
        return password;
    }

    public Task<bool> AcceptsNewChargersAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_configuration.Current?.Site.Ocpp?.AcceptNewChargers ?? false);

    public async Task RecordPendingAsync(OcppPendingCharger charger, CancellationToken cancellationToken)
    {
        if (_pending.Record(charger))
        {
            await _events.RaiseAsync(EventSeverities.Info, charger.ChargePointId, "ocpp.charger.pending",
                $"an unknown charge point ({charger.Vendor} {charger.Model}) asks to join; add it to the configuration to adopt it",
                cancellationToken).ConfigureAwait(false);
        }
    }
}
