namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>A command refused or failed; the message is sent back as the result's <c>error</c>.</summary>
public sealed class CloudCommandException : Exception
{
    public CloudCommandException()
    {
    }

    public CloudCommandException(string message)
        : base(message)
    {
    }

    public CloudCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
