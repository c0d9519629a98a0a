using ChargeNet.Drivers.Ocpp.V201.Messages;

namespace ChargeNet.Drivers.Ocpp.V201;

/// <summary>
/// A station's DisplayMessageCtrlr as its base report has it ([OCPP 2.0.1] Part 2, functional block O; appendix "Components and
/// Variables"): <c>Available</c>/<c>Enabled</c>, how many messages it holds (<c>NumberOfDisplayMessages</c>: variable
/// <c>DisplayMessages</c>, its <c>maxLimit</c>), the message formats and priorities it supports (<c>SupportedFormats</c>,
/// <c>SupportedPriorities</c>, member lists). Null where not reported; a station that reports no list is taken to support what
/// the schema allows.
/// </summary>
public sealed record Ocpp201DisplayMessages(bool? Usable, int? Slots, IReadOnlyList<string>? Formats, IReadOnlyList<string>? Priorities)
{
    public static readonly Ocpp201DisplayMessages NotReported = new(null, null, null, null);

    /// <summary>This with one report item of the controller read in; names as in the appendix, and the long forms some stations report.</summary>
    internal Ocpp201DisplayMessages With(ReportData item, string? actual) => item.Variable.Name switch
    {
        "Available" or "Enabled" => this with { Usable = Ocpp201DeviceModel.Combine(Usable, actual) },
        // The capacity is the maxLimit; the Actual value counts the messages held now, which says nothing of room for one more.
        "DisplayMessages" or "NumberOfDisplayMessages" when item.VariableCharacteristics?.MaxLimit is { } limit => this with { Slots = (int)Math.Clamp(limit, 0, int.MaxValue) },
        "SupportedFormats" or "DisplayMessageSupportedFormats" => this with { Formats = Members(actual) ?? Formats },
        "SupportedPriorities" or "DisplayMessageSupportedPriorities" => this with { Priorities = Members(actual) ?? Priorities },
        _ => this,
    };

    /// <summary>Whether the station says it supports <paramref name="value"/> of a list (true where it gave no list).</summary>
    public static bool Supports(IReadOnlyList<string>? list, string value) =>
        list is null || list.Contains(value, StringComparer.OrdinalIgnoreCase);

    private static string[]? Members(string? actual) =>
        actual is null ? null : actual.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
