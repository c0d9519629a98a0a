using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>Builds the MQTTnet options of a connection: identity, credentials, TLS, will message.</summary>
public static class CloudClientOptionsFactory
{
    public static MqttClientOptions Create(CloudEndpoint endpoint, MqttProtocolVersion protocol, string willPayload, CloudSyncOptions tuning)
    {
        var settings = endpoint.Settings;
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(settings.Host, settings.Port)
            .WithClientId(endpoint.ClientId)
            .WithProtocolVersion(protocol)
            // A persistent session: QoS 1 commands sent while the link was down still arrive.
            .WithCleanStart(false)
            .WithTimeout(tuning.ConnectTimeout)
            .WithKeepAlivePeriod(tuning.KeepAlive)
            .WithWillTopic(CloudTopics.Of(endpoint.SiteId, CloudTopics.Status))
            .WithWillPayload(willPayload)
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (protocol == MqttProtocolVersion.V500)
        {
            builder.WithSessionExpiryInterval((uint)TimeSpan.FromDays(1).TotalSeconds);
        }

        if (!string.IsNullOrEmpty(settings.Username))
        {
            builder.WithCredentials(settings.Username, settings.Password ?? "");
        }

        if (settings.Tls)
        {
            builder.WithTlsOptions(tls => ConfigureTls(tls, settings.Host!, settings.CaFile, settings.ClientCertFile, settings.ClientKeyFile));
        }

        return builder.Build();
    }

    private static void ConfigureTls(MqttClientTlsOptionsBuilder tls, string host, string? caFile, string? certFile, string? keyFile)
    {
        tls.UseTls().WithTargetHost(host);
        if (!string.IsNullOrEmpty(caFile))
        {
            // Trust exactly the configured CA (the system store is not consulted for this broker).
            var chain = new X509Certificate2Collection();
            chain.ImportFromPemFile(caFile);
            tls.WithTrustChain(chain);
        }

        if (!string.IsNullOrEmpty(certFile))
        {
            var certificate = X509Certificate2.CreateFromPemFile(certFile, string.IsNullOrEmpty(keyFile) ? null : keyFile);
            tls.WithClientCertificates([certificate]);
        }
    }
}
