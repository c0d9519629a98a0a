namespace ChargeNet.Integration.Tests.Web;

/// <summary>One daemon (admin password from the environment) shared by the tests of one class.</summary>
public sealed class WebDaemonFixture : IAsyncLifetime
{
    private WebDaemon? _daemon;

    internal WebDaemon Daemon => _daemon ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _daemon = await WebDaemon.StartAsync();

    public async Task DisposeAsync()
    {
        if (_daemon is not null)
        {
            await _daemon.DisposeAsync();
        }
    }
}
