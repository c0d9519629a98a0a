using System.Net.Http.Headers;
using System.Text;
using ChargeNet.Drivers.Limits;
using ChargeNet.Drivers.Ocpp.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Ocpp.CentralSystem;

/// <summary>
/// Decides at the WebSocket upgrade whether a charge point may connect (docs/ocpp.md):
/// a WebSocket request that offers the subprotocol of a version the edge speaks — for a configured
/// charge point, that of its configured version; for a pending one, the first the request offers —
/// (else 400; RFC 6455 section 4.2.2), a charge point the
/// configuration lists (else 404, or admitted as pending when "accept new chargers" is on), and
/// HTTP Basic credentials matching its password when it has one (else 401; OCPP 1.6 security
/// white paper, security profile 1: user name = charge point id). Section 9: a request with an
/// <c>Origin</c> header comes from a browser page (a cross-site WebSocket), never from a charger: 403;
/// an unauthenticated connection never takes over one of the same charger that is alive (409, see
/// <see cref="OcppTakeoverGuard"/>); an address whose upgrades keep being refused is slowed (429).
/// </summary>
public sealed class OcppUpgradeGate(OcppCentralSystemContext context, OcppTakeoverGuard takeover, ILogger logger)
{
    // Every refused upgrade counts, per address (docs/security.md: failed upgrades are rate-limited).
    private readonly FailureLimiter<System.Net.IPAddress> _limiter = new(context.Options.UpgradeFailureLimit, context.Options.UpgradeFailureWindow, context.Time);

    public async Task<OcppAdmission?> AdmitAsync(HttpContext http, string chargePointId, CancellationToken cancellationToken)
    {
        var address = http.Connection.RemoteIpAddress ?? System.Net.IPAddress.None;
        var wait = _limiter.RetryAfter(address);
        if (wait > TimeSpan.Zero)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return await RefuseAsync(http, chargePointId, StatusCodes.Status429TooManyRequests, "too many refused upgrades from this address; try again later", count: false).ConfigureAwait(false);
        }

        if (http.Request.Headers.Origin.Count > 0)
        {
            return await RefuseAsync(http, chargePointId, StatusCodes.Status403Forbidden, "a request with an Origin header (a browser page) may not open an OCPP connection").ConfigureAwait(false);
        }

        if (chargePointId.Length is 0 or > 48 || chargePointId.Any(c => char.IsControl(c) || c == '/'))
        {
            return await RefuseAsync(http, chargePointId, StatusCodes.Status400BadRequest, "the charge point id must be 1 to 48 printable characters").ConfigureAwait(false);
        }

        if (!http.WebSockets.IsWebSocketRequest)
        {
            return await RefuseAsync(http, chargePointId, StatusCodes.Status400BadRequest, "not a WebSocket upgrade request").ConfigureAwait(false);
        }

        var offered = http.WebSockets.WebSocketRequestedProtocols
            .Select(context.Protocols.FindBySubProtocol).OfType<IOcppProtocol>().ToList();
        if (offered.Count == 0)
        {
            return await RefuseAsync(http, chargePointId, StatusCodes.Status400BadRequest,
                $"the request offers no supported subprotocol ({string.Join(", ", context.Protocols.All.Select(p => p.SubProtocol))})").ConfigureAwait(false);
        }

        var registration = await context.Registry.FindAsync(chargePointId, cancellationToken).ConfigureAwait(false);
        if (registration is null)
        {
            if (!await context.Registry.AcceptsNewChargersAsync(cancellationToken).ConfigureAwait(false))
            {
                return await RefuseAsync(http, chargePointId, StatusCodes.Status404NotFound, "unknown charge point").ConfigureAwait(false);
            }

            if (await takeover.IsHeldAsync(chargePointId, cancellationToken).ConfigureAwait(false))
            {
                return await RefuseAsync(http, chargePointId, StatusCodes.Status409Conflict, OcppTakeoverGuard.Refusal).ConfigureAwait(false);
            }

            await context.Registry.RecordPendingAsync(new OcppPendingCharger(chargePointId, context.Time.GetUtcNow(), null, null, null) { Protocol = OcppSubProtocol.Of(offered[0].Version) }, cancellationToken).ConfigureAwait(false);
            return new OcppAdmission(null, true, offered[0].Version);
        }

        if (!offered.Any(p => p.Version == registration.Version))
        {
            return await RefuseAsync(http, chargePointId, StatusCodes.Status400BadRequest,
                $"this charge point is configured for {OcppSubProtocol.Of(registration.Version)}, which the request does not offer").ConfigureAwait(false);
        }

        if (registration.Password is { } expected && !CredentialsMatch(http, chargePointId, expected))
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"ChargeNet Edge OCPP\"";
            return await RefuseAsync(http, chargePointId, StatusCodes.Status401Unauthorized, "missing or wrong HTTP Basic credentials").ConfigureAwait(false);
        }

        if (registration.Password is null && await takeover.IsHeldAsync(chargePointId, cancellationToken).ConfigureAwait(false))
        {
            return await RefuseAsync(http, chargePointId, StatusCodes.Status409Conflict, OcppTakeoverGuard.Refusal).ConfigureAwait(false);
        }

        return new OcppAdmission(registration, false, registration.Version);
    }

    private static bool CredentialsMatch(HttpContext http, string chargePointId, OcppStoredPassword expected)
    {
        if (!AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || decoded[..colon] != chargePointId)
        {
            return false;
        }

        return expected.Verify(decoded[(colon + 1)..]);
    }

    private async Task<OcppAdmission?> RefuseAsync(HttpContext http, string chargePointId, int statusCode, string reason, bool count = true)
    {
        if (count)
        {
            _limiter.RecordFailure(http.Connection.RemoteIpAddress ?? System.Net.IPAddress.None);
        }

        OcppLog.UpgradeRefused(logger, chargePointId, statusCode, reason);
        http.Response.StatusCode = statusCode;
        await http.Response.WriteAsync(reason, http.RequestAborted).ConfigureAwait(false);
        return null;
    }
}
