using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

internal sealed class LiteEmergencyStopLatchStore(LiteTransactions file) : IEmergencyStopLatchStore
{
    private const string Id = "emergency-stop";

    private readonly GatedCollection _latches = file.Collection("gpio_latches");

    public bool IsLatched() => _latches.Use(c => c.FindById(Id)?["latched"].AsBoolean ?? false);

    public void Save(bool latched) => _latches.InTransaction(c => c.Upsert(new BsonDocument { ["_id"] = Id, ["latched"] = latched }));
}
