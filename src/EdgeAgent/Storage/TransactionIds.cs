using ChargeNet.Drivers.Ocpp.Ports;
using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>A charger's transaction id in a document: a 1.6 id as an integer (as every schema kept it), a 2.0.1 id as a string.</summary>
internal static class TransactionIds
{
    public static BsonValue ToBson(ChargerTransactionId? id) => id switch
    {
        null => BsonValue.Null,
        { Number: { } number } => number,
        { } station => station.Text,
    };

    public static ChargerTransactionId? FromBson(BsonValue value) =>
        value.IsNull ? null : value.IsString ? ChargerTransactionId.FromStation(value.AsString) : ChargerTransactionId.FromNumber(value.AsInt32);
}
