using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Web.Auth;

namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>
/// The status as its reader may see it: whole with a login; without one (<c>web.publicStatus</c>) without who set each manual
/// limit, a user's name being nobody else's business (docs/api.md).
/// </summary>
internal static class StatusForReader
{
    public static SiteStatus For(HttpContext http, SiteStatus status) =>
        WebLogin.CurrentSession(http) is not null || status.ManualLimits.Count == 0
            ? status
            : status with { ManualLimits = [.. status.ManualLimits.Select(l => l with { SetBy = null })] };
}
