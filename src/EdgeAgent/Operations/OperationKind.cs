namespace ChargeNet.EdgeAgent.Operations;

/// <summary>How an operation ended; each front door renders each kind its own way (docs/operations.md).</summary>
public enum OperationKind
{
    /// <summary>The charger accepted (or scheduled, or did) it.</summary>
    Done,

    /// <summary>An argument is wrong (<see cref="OperationResult.Field"/> names it); nothing was sent.</summary>
    Invalid,

    /// <summary>No charger with that id in the configuration.</summary>
    NotFound,

    /// <summary>The charger cannot do this (e.g. a Modbus charger takes only its current limit).</summary>
    Unsupported,

    /// <summary>There is nothing to act on (e.g. stop with no session running on that connector).</summary>
    NothingToDo,

    /// <summary>The charger is not connected now.</summary>
    Unreachable,

    /// <summary>The charger answered, and said no.</summary>
    Rejected,

    /// <summary>The charger refused the request as a request (a protocol error), or it could not be sent.</summary>
    Failed,

    /// <summary>The charger did not answer in time.</summary>
    Timeout,
}
