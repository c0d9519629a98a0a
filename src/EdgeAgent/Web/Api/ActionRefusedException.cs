namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>An action that finds nothing to act on (e.g. stop with no session running); answered 409.</summary>
public sealed class ActionRefusedException : Exception
{
    public ActionRefusedException()
    {
    }

    public ActionRefusedException(string message)
        : base(message)
    {
    }

    public ActionRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
