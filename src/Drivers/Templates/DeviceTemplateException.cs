using ChargeNet.Drivers.Devices;

namespace ChargeNet.Drivers.Templates;

/// <summary>A template file that cannot be used; <see cref="Problems"/> lists every problem with its JSON path.</summary>
public sealed class DeviceTemplateException : DeviceException
{
    public DeviceTemplateException(string source, IReadOnlyList<string> problems)
        : base($"Device template {source} is invalid: " + string.Join("; ", problems))
    {
        Source = source;
        Problems = problems;
    }

    public DeviceTemplateException()
    {
        Problems = [];
    }

    public DeviceTemplateException(string message)
        : base(message)
    {
        Problems = [message];
    }

    public DeviceTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public IReadOnlyList<string> Problems { get; }
}
