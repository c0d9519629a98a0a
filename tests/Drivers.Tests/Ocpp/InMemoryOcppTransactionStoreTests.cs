using ChargeNet.Drivers.Ocpp.Ports;

namespace ChargeNet.Drivers.Tests.Ocpp;

/// <summary>The in-memory store keeps the contract (a "restart" keeps the same instance: memory is its lifetime).</summary>
public sealed class InMemoryOcppTransactionStoreTests : OcppTransactionStoreContract
{
    protected override Task<IOcppTransactionStore> CreateAsync() => Task.FromResult<IOcppTransactionStore>(new InMemoryOcppTransactionStore());

    protected override Task<IOcppTransactionStore> ReopenAsync(IOcppTransactionStore store) => Task.FromResult(store);
}
