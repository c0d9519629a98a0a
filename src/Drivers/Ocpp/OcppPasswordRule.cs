using System.Text;

namespace ChargeNet.Drivers.Ocpp;

/// <summary>
/// The OCPP 1.6 security white paper's rule for a charge point's HTTP Basic password (security
/// profiles 1 and 2): at least 16 bytes. The site configuration's validation applies it too.
/// </summary>
public static class OcppPasswordRule
{
    public const int MinBytes = 16;

    /// <summary>Null when the password is acceptable, else why not (never repeating the password).</summary>
    public static string? Check(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var bytes = Encoding.UTF8.GetByteCount(password);
        return bytes < MinBytes ? $"an OCPP password must be at least {MinBytes} bytes (it has {bytes})" : null;
    }
}
