using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ChargeNet.EdgeAgent.Web.Auth;

/// <summary>Sets up the admin login before the web server takes requests.</summary>
internal sealed class AdminAccountInitializer : IHostedService
{
    private readonly AdminAccount _account;
    private readonly string? _initialPassword;

    public AdminAccountInitializer(AdminAccount account, IConfiguration configuration)
    {
        _account = account;
        _initialPassword = configuration[AdminAccount.PasswordVariable];
    }

    public Task StartAsync(CancellationToken cancellationToken) => _account.InitializeAsync(_initialPassword, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
