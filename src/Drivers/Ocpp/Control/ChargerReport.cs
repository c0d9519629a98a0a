namespace ChargeNet.Drivers.Ocpp.Control;

/// <summary>What a custom report is to hold (2.0.1 GetReport, B08): the components in these states and/or these variables.</summary>
/// <param name="Criteria">Active, Available, Enabled or Problem (componentCriteria); empty for none.</param>
/// <param name="Variables">Components (on an EVSE, or the station's), each with one variable or all of them; empty for none.</param>
public sealed record ChargerReportQuery(IReadOnlyList<string> Criteria, IReadOnlyList<ChargerVariableRef> Variables);

/// <summary>A component (on EVSE <paramref name="EvseId"/>, or the station's) and one of its variables, or (null) all of them.</summary>
public sealed record ChargerVariableRef(string Component, int? EvseId, string? Variable);

/// <summary>The charger's answer to GetReport (Accepted, EmptyResultSet, Rejected, NotSupported) and what its reports held.</summary>
public sealed record ChargerReport(string Answer, IReadOnlyList<ChargerReportItem> Items);

/// <summary>One variable of a charger's device model as a report gives it (2.0.1 NotifyReport reportData): its attributes' values by type (Actual, Target, MinSet, MaxSet).</summary>
public sealed record ChargerReportItem(string Component, int? EvseId, int? ConnectorId, string? ComponentInstance, string Variable, string? VariableInstance, IReadOnlyList<ChargerReportValue> Values);

/// <summary>One attribute of a reported variable.</summary>
public sealed record ChargerReportValue(string Type, string? Value);
