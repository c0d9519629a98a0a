using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>Conversions between our value types and BSON that every collection uses.</summary>
internal static class BsonValues
{
    // Timestamps are kept as UTC ticks with the offset dropped: exact, sortable, and free of
    // LiteDB's conversion of DateTime to local time.
    public static BsonValue From(DateTimeOffset value) => new BsonValue(value.UtcTicks);

    public static BsonValue From(DateTimeOffset? value) => value is { } v ? From(v) : BsonValue.Null;

    public static DateTimeOffset ToTime(BsonValue value) => new(value.AsInt64, TimeSpan.Zero);

    public static DateTimeOffset? ToNullableTime(BsonValue value) => value.IsNull ? null : ToTime(value);

    public static string? ToNullableString(BsonValue value) => value.IsNull ? null : value.AsString;

    public static int? ToNullableInt(BsonValue value) => value.IsNull ? null : value.AsInt32;

    public static int ClampLimit(int limit) => Math.Clamp(limit, 0, 10_000);
}
