using ChargeNet.Drivers.Templates;

namespace ChargeNet.Drivers.Simulation.Modbus;

/// <summary>A master wrote <see cref="Count"/> registers (or coils) from <see cref="Address"/>.</summary>
public sealed class RegisterWriteEventArgs(RegisterFunction function, ushort address, int count) : EventArgs
{
    public RegisterFunction Function { get; } = function;

    public ushort Address { get; } = address;

    public int Count { get; } = count;

    /// <summary>Whether the write touches the <paramref name="words"/> registers from <paramref name="start"/>.</summary>
    public bool Touches(RegisterFunction table, int start, int words) =>
        table == Function && start < Address + Count && Address < start + words;
}
