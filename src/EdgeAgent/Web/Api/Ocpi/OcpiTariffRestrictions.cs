namespace ChargeNet.EdgeAgent.Web.Api.Ocpi;

/// <summary>OCPI TariffRestrictions, the ones a tariff period needs: local times of day and days of the week.</summary>
public sealed record OcpiTariffRestrictions(string StartTime, string EndTime, IReadOnlyList<string>? DayOfWeek);
