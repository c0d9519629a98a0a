using System.Buffers;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Protocol;

namespace ChargeNet.EdgeAgent.Cloud.Fleet;

/// <summary>
/// <c>chargenet-agent fleet --broker HOST[:PORT] …</c>: subscribes to every site's topics and
/// shows a live table (redrawn each second on a terminal; printed once at the end otherwise).
/// </summary>
public static class FleetCommand
{
    public const int ExitUsage = 2;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (options, problem) = FleetOptions.Parse(args);
        if (options is null)
        {
            await error.WriteLineAsync(problem).ConfigureAwait(false);
            return ExitUsage;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        if (options.RunFor is { } runFor)
        {
            stop.CancelAfter(runFor);
        }

        var table = new FleetTable();
        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            table.Apply(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), DateTimeOffset.UtcNow);
            return Task.CompletedTask;
        };
        try
        {
            var result = await client.ConnectAsync(BuildOptions(options), stop.Token).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                await error.WriteLineAsync($"fleet: {options.Host}:{options.Port} refused the connection: {result.ResultCode}").ConfigureAwait(false);
                return 1;
            }

            await client.SubscribeAsync(
                new MqttClientSubscribeOptionsBuilder().WithTopicFilter(CloudTopics.Prefix + "+/#", MqttQualityOfServiceLevel.AtLeastOnce).Build(),
                stop.Token).ConfigureAwait(false);
            var live = !Console.IsOutputRedirected;
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (live)
                {
                    await output.WriteAsync("\u001b[H\u001b[2J" + table.Render(DateTimeOffset.UtcNow)).ConfigureAwait(false);
                }
            }

            if (!live)
            {
                await output.WriteAsync(table.Render(DateTimeOffset.UtcNow)).ConfigureAwait(false);
            }

            return 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            await error.WriteLineAsync($"fleet: cannot reach {options.Host}:{options.Port}: {ex.GetBaseException().Message}").ConfigureAwait(false);
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static MqttClientOptions BuildOptions(FleetOptions options)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Host, options.Port)
            .WithClientId("chargenet-fleet-" + Guid.NewGuid().ToString("N")[..8]);
        if (options.Username is not null)
        {
            builder.WithCredentials(options.Username, options.Password ?? "");
        }

        if (options.Tls)
        {
            builder.WithTlsOptions(tls =>
            {
                tls.UseTls().WithTargetHost(options.Host);
                if (options.CaFile is not null)
                {
                    var chain = new X509Certificate2Collection();
                    chain.ImportFromPemFile(options.CaFile);
                    tls.WithTrustChain(chain);
                }
            });
        }

        return builder.Build();
    }
}
