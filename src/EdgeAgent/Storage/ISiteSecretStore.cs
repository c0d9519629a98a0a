using ChargeNet.EdgeAgent.Domain;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>The site configuration's secrets, one set, apart from the revisions. Synchronous: saved in the transaction of the revision it goes with.</summary>
public interface ISiteSecretStore
{
    SiteSecrets Load();

    void Save(SiteSecrets secrets);
}
