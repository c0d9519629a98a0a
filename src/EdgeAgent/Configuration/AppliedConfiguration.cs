namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>The configuration in force and the revision it came from.</summary>
public sealed record AppliedConfiguration(int Revision, SiteConfiguration Site, DateTimeOffset AppliedAt, string Source);
