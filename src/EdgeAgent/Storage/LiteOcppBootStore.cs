using ChargeNet.Drivers.Ocpp.Ports;
using LiteDB;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>The accepted OCPP boots, one document per charge point (collection <c>ocpp_boots</c>).</summary>
internal sealed class LiteOcppBootStore : IOcppBootStore
{
    private readonly GatedCollection _boots;

    public LiteOcppBootStore(LiteTransactions file)
    {
        _boots = file.Collection("ocpp_boots");
    }

    public Task<OcppBootRecord?> FindAsync(string chargePointId, CancellationToken cancellationToken)
    {
        var doc = _boots.Use(c => c.FindById(chargePointId));
        return Task.FromResult(doc is null ? null : new OcppBootRecord(
            doc["_id"].AsString,
            BsonValues.ToTime(doc["acceptedAt"]),
            doc["vendor"].AsString,
            doc["model"].AsString,
            BsonValues.ToNullableString(doc["serialNumber"]),
            BsonValues.ToNullableString(doc["firmwareVersion"])));
    }

    public Task SaveAsync(OcppBootRecord record, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var doc = new BsonDocument
        {
            ["_id"] = record.ChargePointId,
            ["acceptedAt"] = BsonValues.From(record.AcceptedAt),
            ["vendor"] = record.Vendor,
            ["model"] = record.Model,
            ["serialNumber"] = record.SerialNumber,
            ["firmwareVersion"] = record.FirmwareVersion,
        };
        // Not waited for on the BootNotification answer: a boot lost at a power cut only means the
        // charger's first call after the restart finds no kept boot (it is synced a moment later anyway).
        _boots.Use(c => c.Upsert(doc));
        return Task.CompletedTask;
    }
}
