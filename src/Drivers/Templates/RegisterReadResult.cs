using ChargeNet.Drivers.Modbus;

namespace ChargeNet.Drivers.Templates;

/// <summary>
/// What one read of a <see cref="RegisterReadPlan"/> brought: the registers of every block that
/// answered (a failed block's registers read as unknown), the failures, and the retries needed.
/// </summary>
public sealed class RegisterReadResult
{
    internal RegisterReadResult(RegisterSnapshot snapshot, IReadOnlyList<ModbusException> failures, int blocks, ModbusRetryTally tally)
    {
        Snapshot = snapshot;
        Failures = failures;
        Blocks = blocks;
        Retries = tally.Retries;
        LastRetryReason = tally.LastReason;
    }

    public RegisterSnapshot Snapshot { get; }

    /// <summary>The blocks that failed after their retries, in plan order.</summary>
    public IReadOnlyList<ModbusException> Failures { get; }

    public int Blocks { get; }

    public int Retries { get; }

    public string? LastRetryReason { get; }

    /// <summary>Every block failed: the device did not answer usefully at all.</summary>
    public bool FailedEntirely => Failures.Count == Blocks && Blocks > 0;

    /// <summary>Some blocks answered and some did not.</summary>
    public bool IsPartial => Failures.Count > 0 && !FailedEntirely;

    /// <summary>Why this read was not fully healthy (retries, partial failure), or null when it was.</summary>
    public string? DegradedReason =>
        IsPartial ? $"{Failures.Count} of {Blocks} register blocks failed: {Failures[^1].Message}"
        : Retries > 0 ? $"answered after {Retries} {(Retries == 1 ? "retry" : "retries")}: {LastRetryReason}"
        : null;
}
