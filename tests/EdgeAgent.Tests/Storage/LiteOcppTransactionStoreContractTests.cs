using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Tests.Ocpp;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Storage;

namespace ChargeNet.EdgeAgent.Tests.Storage;

/// <summary>The daemon's LiteDB transaction store keeps the OCPP driver's contract, on a real file, across a reopen.</summary>
public sealed class LiteOcppTransactionStoreContractTests : OcppTransactionStoreContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("chargenet-ocpp-contract-").FullName;
    private LiteEdgeStore? _store;

    public void Dispose()
    {
        _store?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    protected override Task<IOcppTransactionStore> CreateAsync()
    {
        _store = LiteEdgeStore.Open(_directory);
        return Task.FromResult<IOcppTransactionStore>(OcppSessionLedger.Over(_store));
    }

    protected override Task<IOcppTransactionStore> ReopenAsync(IOcppTransactionStore store)
    {
        _store!.Dispose();
        _store = LiteEdgeStore.Open(_directory);
        return Task.FromResult<IOcppTransactionStore>(OcppSessionLedger.Over(_store));
    }
}
