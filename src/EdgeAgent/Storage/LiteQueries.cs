using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>
/// Query filters with their value as a parameter. LiteDB's <c>Query.EQ</c>, <c>Query.LT</c> and the like write the value
/// into the expression's text, and LiteDB compiles and caches every distinct text for as long as the process runs: a
/// value that differs from call to call (a key, a timestamp, a cut-off id) would grow that cache for ever (found by the
/// upstream relay's soak benchmark, docs/upstream.md). With a parameter one compiled expression serves every value.
/// Conditions on several fields are one expression with numbered parameters (<see cref="Where"/>): <c>Query.And</c> over
/// these would join their <c>@0</c>s into one parameter.
/// </summary>
internal static class LiteQueries
{
    public static BsonExpression Is(string field, BsonValue value) => BsonExpression.Create($"{field} = @0", value);

    public static BsonExpression IsNot(string field, BsonValue value) => BsonExpression.Create($"{field} != @0", value);

    public static BsonExpression Below(string field, BsonValue value) => BsonExpression.Create($"{field} < @0", value);

    public static BsonExpression AtLeast(string field, BsonValue value) => BsonExpression.Create($"{field} >= @0", value);

    /// <summary>A condition over several fields, its values as parameters <c>@0</c>, <c>@1</c>, … in order.</summary>
    public static BsonExpression Where(string condition, params BsonValue[] values) => BsonExpression.Create(condition, values);
}
