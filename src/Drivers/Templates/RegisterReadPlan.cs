using ChargeNet.Drivers.Modbus;

namespace ChargeNet.Drivers.Templates;

/// <summary>
/// The few block reads that fetch a set of template registers: registers of one function that lie
/// close together are read in one request, up to the device's largest read.
/// </summary>
public sealed class RegisterReadPlan
{
    /// <summary>Unused registers a block may span to save a request.</summary>
    public const int MaxGap = 16;

    private RegisterReadPlan(DeviceTemplate template, int addressOffset, IReadOnlyList<RegisterBlock> blocks)
    {
        Template = template;
        AddressOffset = addressOffset;
        Blocks = blocks;
    }

    public DeviceTemplate Template { get; }

    public int AddressOffset { get; }

    public IReadOnlyList<RegisterBlock> Blocks { get; }

    /// <summary>A plan that reads every register of <paramref name="template"/> (moved by <paramref name="addressOffset"/>).</summary>
    public static RegisterReadPlan ForAll(DeviceTemplate template, int addressOffset = 0)
    {
        ArgumentNullException.ThrowIfNull(template);
        var blocks = new List<RegisterBlock>();
        foreach (var group in template.Registers.Values.GroupBy(r => r.Function).OrderBy(g => g.Key))
        {
            var maxCount = group.Key is RegisterFunction.Coil or RegisterFunction.DiscreteInput ? 2000 : template.MaxRegistersPerRead;
            int? start = null;
            var end = 0;
            foreach (var register in group.OrderBy(r => r.Address))
            {
                var first = register.Address + addressOffset;
                var last = first + register.Words;
                if (start is { } s && first - end <= MaxGap && Math.Max(end, last) - s <= maxCount)
                {
                    end = Math.Max(end, last);
                    continue;
                }

                if (start is { } done)
                {
                    blocks.Add(new RegisterBlock(group.Key, (ushort)done, end - done));
                }

                start = first;
                end = last;
            }

            if (start is { } open)
            {
                blocks.Add(new RegisterBlock(group.Key, (ushort)open, end - open));
            }
        }

        return new RegisterReadPlan(template, addressOffset, blocks);
    }

    /// <summary>Reads every block from the device; throws the first failure.</summary>
    public async Task<RegisterSnapshot> ReadAsync(ModbusClient client, byte unitId, CancellationToken cancellationToken)
    {
        var result = await ReadEachAsync(client, unitId, cancellationToken).ConfigureAwait(false);
        return result.Failures.Count > 0 ? throw result.Failures[0] : result.Snapshot;
    }

    /// <summary>
    /// Reads every block, going on past a block that fails (its registers read as unknown), and counts
    /// the retries; a cancellation is thrown, never counted.
    /// </summary>
    public async Task<RegisterReadResult> ReadEachAsync(ModbusClient client, byte unitId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var tally = new ModbusRetryTally();
        var data = new ushort[]?[Blocks.Count];
        var failures = new List<ModbusException>();
        for (var i = 0; i < Blocks.Count; i++)
        {
            var block = Blocks[i];
            try
            {
                var response = await client.SendAsync(unitId, Request(block), tally, cancellationToken).ConfigureAwait(false);
                data[i] = block.Function is RegisterFunction.Coil or RegisterFunction.DiscreteInput ? ToWords(response.Bits) : [.. response.Registers];
            }
            catch (ModbusException ex)
            {
                failures.Add(ex);
                if (ex is ModbusConnectionException or ModbusUnitSilentException or ModbusTimeoutException { UnitSilent: true })
                {
                    // The link is down, or the unit is silent and backed off: the other blocks would only fail the same way.
                    failures.AddRange(Enumerable.Repeat(ex, Blocks.Count - i - 1));
                    break;
                }
            }
        }

        return new RegisterReadResult(new RegisterSnapshot(this, data), failures, Blocks.Count, tally);
    }

    private static ModbusRequest Request(RegisterBlock block) => block.Function switch
    {
        RegisterFunction.Holding => ModbusRequest.ReadHoldingRegisters(block.Address, block.Count),
        RegisterFunction.Input => ModbusRequest.ReadInputRegisters(block.Address, block.Count),
        RegisterFunction.Coil => ModbusRequest.ReadCoils(block.Address, block.Count),
        _ => ModbusRequest.ReadDiscreteInputs(block.Address, block.Count),
    };

    private static ushort[] ToWords(IEnumerable<bool> bits) => [.. bits.Select(b => b ? (ushort)1 : (ushort)0)];
}
