namespace ChargeNet.Drivers.Ocpp.V201.Messages;

/// <summary>ComponentType: a part of the station's device model (OCPP 2.0.1 Part 1 and Part 2 appendices), optionally on one EVSE.</summary>
public sealed record Component(string Name, Evse? Evse = null, string? Instance = null);

/// <summary>VariableType: one variable of a component.</summary>
public sealed record Variable(string Name, string? Instance = null);

/// <summary>SetVariablesRequest (OCPP 2.0.1, B05).</summary>
public sealed record SetVariablesRequest(IReadOnlyList<SetVariableData> SetVariableData);

/// <summary>SetVariableDataType: the Actual value unless an attribute type is named.</summary>
public sealed record SetVariableData(string AttributeValue, Component Component, Variable Variable, string? AttributeType = null);

/// <summary>SetVariablesResponse: one result per item asked for.</summary>
public sealed record SetVariablesResponse(IReadOnlyList<SetVariableResult> SetVariableResult);

/// <summary>SetVariableResultType: Accepted, Rejected, UnknownComponent, UnknownVariable, NotSupportedAttributeType or RebootRequired.</summary>
public sealed record SetVariableResult(string AttributeStatus, Component Component, Variable Variable, string? AttributeType = null);

/// <summary>GetVariablesRequest (OCPP 2.0.1, B06).</summary>
public sealed record GetVariablesRequest(IReadOnlyList<GetVariableData> GetVariableData);

/// <summary>GetVariableDataType.</summary>
public sealed record GetVariableData(Component Component, Variable Variable, string? AttributeType = null);

/// <summary>GetVariablesResponse: one result per item asked for.</summary>
public sealed record GetVariablesResponse(IReadOnlyList<GetVariableResult> GetVariableResult);

/// <summary>GetVariableResultType: the value when the status is Accepted.</summary>
public sealed record GetVariableResult(string AttributeStatus, Component Component, Variable Variable, string? AttributeValue = null, string? AttributeType = null);

/// <summary>GetBaseReportRequest (OCPP 2.0.1, B07): ConfigurationInventory, FullInventory or SummaryInventory.</summary>
public sealed record GetBaseReportRequest(int RequestId, string ReportBase);

/// <summary>GetReportRequest (OCPP 2.0.1, B08): the components in these states (componentCriteria) and/or these components' variables.</summary>
public sealed record GetReportRequest(int RequestId, IReadOnlyList<string>? ComponentCriteria = null, IReadOnlyList<ComponentVariable>? ComponentVariable = null);

/// <summary>ComponentVariableType: a component and one of its variables, or (none) all of them.</summary>
public sealed record ComponentVariable(Component Component, Variable? Variable = null);

/// <summary>NotifyReportRequest (OCPP 2.0.1, B07/B08): one part of a report; <c>tbc</c> true when more parts follow.</summary>
public sealed record NotifyReportRequest(int RequestId, DateTimeOffset GeneratedAt, int SeqNo, IReadOnlyList<ReportData>? ReportData = null, bool? Tbc = null);

/// <summary>ReportDataType: a component's variable with its attributes and characteristics (the fields the edge does not read are skipped).</summary>
public sealed record ReportData(Component Component, Variable Variable, IReadOnlyList<VariableAttributeValue> VariableAttribute, VariableCharacteristics? VariableCharacteristics = null);

/// <summary>VariableCharacteristicsType, the one field the edge reads: <c>maxLimit</c> (e.g. DisplayMessageCtrlr's DisplayMessages: how many messages a station holds).</summary>
public sealed record VariableCharacteristics(decimal? MaxLimit = null);

/// <summary>VariableAttributeType: Actual (the default), Target, MinSet or MaxSet, with its value.</summary>
public sealed record VariableAttributeValue(string? Type = null, string? Value = null);
