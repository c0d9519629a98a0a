namespace ChargeNet.Drivers.Ocpp.V201.Messages;

/// <summary>NotifyEVChargingNeedsRequest (OCPP 2.0.1, K15): what the car on an EVSE needs.</summary>
public sealed record NotifyEVChargingNeedsRequest(int EvseId, ChargingNeeds ChargingNeeds, int? MaxScheduleTuples = null);

/// <summary>ChargingNeedsType: the transfer mode, the departure time and the AC or DC parameters.</summary>
public sealed record ChargingNeeds(string RequestedEnergyTransfer, DateTimeOffset? DepartureTime = null, AcChargingParameters? AcChargingParameters = null, DcChargingParameters? DcChargingParameters = null);

/// <summary>ACChargingParametersType: energy in Wh, currents in A per phase, voltage in V.</summary>
public sealed record AcChargingParameters(double EnergyAmount, double EvMinCurrent, double EvMaxCurrent, double EvMaxVoltage);

/// <summary>DCChargingParametersType: the fields the edge reads.</summary>
public sealed record DcChargingParameters(double EvMaxCurrent, double EvMaxVoltage, double? EnergyAmount = null);

/// <summary>NotifyEVChargingNeedsResponse: Accepted (processed), Rejected or Processing.</summary>
public sealed record NotifyEVChargingNeedsResponse(string Status);

/// <summary>NotifyEVChargingScheduleRequest (OCPP 2.0.1, K15–K17): the schedule the car chose within the one the station offered, from timeBase on.</summary>
public sealed record NotifyEVChargingScheduleRequest(DateTimeOffset TimeBase, int EvseId, ChargingSchedule ChargingSchedule);
