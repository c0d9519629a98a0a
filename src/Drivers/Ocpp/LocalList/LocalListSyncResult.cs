namespace ChargeNet.Drivers.Ocpp.LocalList;

/// <summary>The outcome of a local list sync on one charger.</summary>
public enum LocalListSyncResult
{
    /// <summary>The charger accepted every message; its list and version are the edge's.</summary>
    Sent,

    /// <summary>The charger already reported the edge's version; nothing was sent.</summary>
    UpToDate,

    /// <summary>The edge has never had a list (version 0): chargers' lists are left alone.</summary>
    NoEdgeList,

    /// <summary>The charger has no local list (-1): left alone.</summary>
    NotSupported,

    /// <summary>The list is longer than the charger's LocalAuthListMaxLength: nothing sent, it keeps its list.</summary>
    ListTooLong,

    /// <summary>The list needs more messages than versions 1 … the edge's version: nothing sent.</summary>
    VersionTooLow,

    /// <summary>The charger answered a SendLocalList with Failed, VersionMismatch or NotSupported; the rest was not sent.</summary>
    Refused,

    /// <summary>No connection, no answer or a CALLERROR.</summary>
    Failed,
}
