namespace ChargeNet.EdgeAgent.Web.Auth;

/// <summary>What the page needs to know before it shows anything: logged in, setup needed, status public.</summary>
public sealed record SessionInfo(bool LoggedIn, string? Username, bool SetupRequired, bool PublicStatus, string? CsrfToken);
