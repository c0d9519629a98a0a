using System.Globalization;
using ChargeNet.Drivers.Ocpp.Messages;

namespace ChargeNet.EdgeAgent.Ocpp;

/// <summary>
/// What a charger can take of a local list (OCPP 1.6 section 9.1, Local Auth List Management
/// profile): <c>SendLocalListMaxLength</c> entries in one SendLocalList, <c>LocalAuthListMaxLength</c>
/// in the whole list. Null where the charger did not report the key (or reported no positive whole
/// number): no limit is assumed, the list goes as it did before the keys were read.
/// </summary>
public sealed record LocalListLimits(int? SendLocalListMaxLength, int? LocalAuthListMaxLength)
{
    public const string SendKey = "SendLocalListMaxLength";
    public const string StoreKey = "LocalAuthListMaxLength";

    public static readonly IReadOnlyList<string> Keys = [SendKey, StoreKey];

    public static readonly LocalListLimits Unknown = new(null, null);

    public static LocalListLimits From(GetConfigurationResponse response) =>
        new(Read(response, SendKey), Read(response, StoreKey));

    private static int? Read(GetConfigurationResponse response, string key) =>
        response.ConfigurationKey?.FirstOrDefault(k => string.Equals(k.Key, key, StringComparison.OrdinalIgnoreCase)) is { Value: { } text }
        && int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : null;
}
