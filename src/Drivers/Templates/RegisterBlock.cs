namespace ChargeNet.Drivers.Templates;

/// <summary>One read request of a plan: a run of registers (or bits) of one function.</summary>
public readonly record struct RegisterBlock(RegisterFunction Function, ushort Address, int Count);
