namespace ChargeNet.Drivers.Ocpp.LocalList;

/// <summary>
/// What a charger can take of a local list: <see cref="SendLocalListMaxLength"/> entries in one
/// message, <see cref="LocalAuthListMaxLength"/> in the whole list (the OCPP 1.6 key names; OCPP
/// 2.0.1 has LocalAuthListCtrlr ItemsPerMessage and Entries). Null where the charger did not report
/// one (or reported no positive whole number): no limit is assumed, the list goes whole.
/// </summary>
public sealed record LocalListLimits(int? SendLocalListMaxLength, int? LocalAuthListMaxLength)
{
    public static readonly LocalListLimits Unknown = new(null, null);

    /// <summary>A limit as a charger reports it in text: a positive whole number, else none.</summary>
    public static int? Parse(string? text) =>
        text is not null && int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : null;
}
