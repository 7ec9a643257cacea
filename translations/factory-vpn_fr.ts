<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AdminFormat</name>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>à l&apos;instant</translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>il y a %n s</numerusform>
            <numerusform>il y a %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>il y a %n min</numerusform>
            <numerusform>il y a %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>il y a %n h</numerusform>
            <numerusform>il y a %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d ago</source>
        <translation>
            <numerusform>il y a %n j</numerusform>
            <numerusform>il y a %n j</numerusform>
        </translation>
    </message>
    <message>
        <source>Online</source>
        <translation>En ligne</translation>
    </message>
    <message>
        <source>Stale</source>
        <translation>Inactif</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
</context>
<context>
    <name>PeerColumns</name>
    <message>
        <source>Last handshake %1</source>
        <translation>Dernier handshake %1</translation>
    </message>
    <message>
        <source>No handshake since the hub started</source>
        <translation>Aucun handshake depuis le démarrage du hub</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>VPN address</source>
        <translation>Adresse VPN</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Last handshake</source>
        <translation>Dernier handshake</translation>
    </message>
</context>
<context>
    <name>fvpn::AdminPage</name>
    <message numerus="yes">
        <source>%n registration(s) waiting for approval</source>
        <translation>
            <numerusform>%n inscription en attente d&apos;approbation</numerusform>
            <numerusform>%n inscriptions en attente d&apos;approbation</numerusform>
        </translation>
    </message>
    <message>
        <source>Registration waiting</source>
        <translation>Inscription en attente</translation>
    </message>
    <message>
        <source>%1 (%2) asks for VPN access.</source>
        <translation>%1 (%2) demande un accès VPN.</translation>
    </message>
    <message>
        <source>&amp;Hub admin</source>
        <translation>Administration du &amp;hub</translation>
    </message>
</context>
<context>
    <name>fvpn::AdminTableView</name>
    <message>
        <source>Copy %1</source>
        <translation>Copier&#xa0;: %1</translation>
    </message>
    <message>
        <source>Copy row</source>
        <translation>Copier la ligne</translation>
    </message>
</context>
<context>
    <name>fvpn::AdminView</name>
    <message>
        <source>Add hub…</source>
        <translation>Ajouter un hub…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Appareils</translation>
    </message>
    <message>
        <source>Client peers</source>
        <translation>Pairs clients</translation>
    </message>
    <message>
        <source>factory-clients.conf</source>
        <translation>factory-clients.conf</translation>
    </message>
    <message>
        <source>Device-to-device</source>
        <translation>Appareil à appareil</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Journal d&apos;audit</translation>
    </message>
    <message>
        <source>Fetch everything from the hub now (it also refreshes every %1 s)</source>
        <translation>Tout récupérer du hub maintenant (cela se fait aussi toutes les %1 s)</translation>
    </message>
    <message>
        <source>Hub:</source>
        <translation>Hub&#xa0;:</translation>
    </message>
    <message>
        <source>New registration request from %1 (%2).</source>
        <translation>Nouvelle demande d&apos;inscription de %1 (%2).</translation>
    </message>
    <message>
        <source>Remove hub</source>
        <translation>Supprimer le hub</translation>
    </message>
    <message>
        <source>Remove %1 from this computer, with its token? The hub itself is not changed.</source>
        <translation>Supprimer %1 et son jeton de cet ordinateur&#xa0;? Le hub lui-même reste inchangé.</translation>
    </message>
    <message numerus="yes">
        <source>%n registration(s) waiting for approval</source>
        <translation>
            <numerusform>%n inscription en attente d&apos;approbation</numerusform>
            <numerusform>%n inscriptions en attente d&apos;approbation</numerusform>
        </translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <source>Hub not reachable</source>
        <translation>Hub injoignable</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Mis à jour %1</translation>
    </message>
    <message>
        <source>Invites</source>
        <translation>Invitations</translation>
    </message>
    <message>
        <source>A&amp;pprovals</source>
        <translation>A&amp;pprobations</translation>
    </message>
</context>
<context>
    <name>fvpn::AppState</name>
    <message>
        <source>Not registered</source>
        <translation>Non inscrit</translation>
    </message>
    <message>
        <source>Waiting for approval</source>
        <translation>En attente d&apos;approbation</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Déconnecté</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>Connexion en cours</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Connecté</translation>
    </message>
    <message>
        <source>No recent handshake</source>
        <translation>Pas de handshake récent</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
</context>
<context>
    <name>fvpn::ApprovalsView</name>
    <message>
        <source>Approve</source>
        <translation>Approuver</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Refuser</translation>
    </message>
    <message>
        <source>No registration is waiting for approval.</source>
        <translation>Aucune inscription n&apos;attend d&apos;approbation.</translation>
    </message>
    <message>
        <source>Filter by name, host, OS, key or source address</source>
        <translation>Filtrer par nom, hôte, système, clé ou adresse d&apos;origine</translation>
    </message>
    <message>
        <source>e.g. 10.42.42.20</source>
        <translation>p. ex. 10.42.42.20</translation>
    </message>
    <message>
        <source>Why? The engineer sees this reason</source>
        <translation>Pourquoi&#xa0;? Le technicien voit ce motif</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Informations</translation>
    </message>
    <message>
        <source>VPN address:</source>
        <translation>Adresse VPN&#xa0;:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Motif&#xa0;:</translation>
    </message>
    <message>
        <source>Select a request to see what the engineer&apos;s app sent.</source>
        <translation>Sélectionnez une demande pour voir ce que l&apos;application du technicien a envoyé.</translation>
    </message>
    <message>
        <source>Name: %1
Host name: %2
Operating system: %3
Public key: %4
Sent from: %5
Requested: %6 (%7)</source>
        <translation>Nom&#xa0;: %1
Nom d&apos;hôte&#xa0;: %2
Système d&apos;exploitation&#xa0;: %3
Clé publique&#xa0;: %4
Envoyé depuis&#xa0;: %5
Demandé&#xa0;: %6 (%7)</translation>
    </message>
    <message>
        <source>Enter the VPN address this engineer gets.</source>
        <translation>Saisissez l&apos;adresse VPN attribuée à ce technicien.</translation>
    </message>
    <message>
        <source>device %1</source>
        <translation>appareil %1</translation>
    </message>
    <message>
        <source>client peer %1</source>
        <translation>pair client %1</translation>
    </message>
    <message>
        <source>Approved %1 with address %2. Their app picks this up on its next poll.</source>
        <translation>%1 approuvé avec l&apos;adresse %2. Son application le verra à sa prochaine interrogation.</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Motif&#xa0;: %1</translation>
    </message>
    <message>
        <source>Rejected %1&apos;s request.</source>
        <translation>Demande de %1 refusée.</translation>
    </message>
    <message>
        <source>Replaces the key of approved request %1: on approval the old key leaves the VPN and the new one keeps its address.</source>
        <translation>Remplace la clé de la demande approuvée %1 : à l’approbation, l’ancienne clé quitte le VPN et la nouvelle garde son adresse.</translation>
    </message>
    <message>
        <source>empty: keep the current address</source>
        <translation>vide : garder l’adresse actuelle</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Approuver</translation>
    </message>
</context>
<context>
    <name>fvpn::AuditModel</name>
    <message>
        <source>Before: %1
After: %2</source>
        <translation>Avant&#xa0;: %1
Après&#xa0;: %2</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Cible</translation>
    </message>
    <message>
        <source>Before → after</source>
        <translation>Avant → après</translation>
    </message>
</context>
<context>
    <name>fvpn::AuditView</name>
    <message>
        <source>Load older entries</source>
        <translation>Charger les entrées plus anciennes</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Who (e.g. token:ops)</source>
        <translation>Qui (p. ex. token:ops)</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Toute période</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Dernière heure</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Dernières 24 heures</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Derniers 7 jours</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Derniers 30 jours</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n loaded entries shown</source>
        <translation>
            <numerusform>%1 affichée(s) sur %n entrée chargée</numerusform>
            <numerusform>%1 affichée(s) sur %n entrées chargées</numerusform>
        </translation>
    </message>
    <message>
        <source>Any action</source>
        <translation>Toutes les actions</translation>
    </message>
    <message>
        <source>%1* (all)</source>
        <translation>%1* (toutes)</translation>
    </message>
</context>
<context>
    <name>fvpn::BackendChoice</name>
    <message>
        <source>wg-quick, as chosen in the settings.</source>
        <translation>wg-quick, comme choisi dans les paramètres.</translation>
    </message>
    <message>
        <source>NetworkManager was chosen in the settings, but it is not running on this computer. Choose Automatic or wg-quick.</source>
        <translation>NetworkManager est choisi dans les paramètres, mais il ne tourne pas sur cet ordinateur. Choisissez « Automatique » ou wg-quick.</translation>
    </message>
    <message>
        <source>NetworkManager was chosen in the settings, but this version of Factory VPN cannot drive it yet. Choose Automatic or wg-quick.</source>
        <translation>NetworkManager est choisi dans les paramètres, mais cette version de Factory VPN ne sait pas encore le piloter. Choisissez « Automatique » ou wg-quick.</translation>
    </message>
    <message>
        <source>NetworkManager, as chosen in the settings.</source>
        <translation>NetworkManager, comme choisi dans les paramètres.</translation>
    </message>
    <message>
        <source>NetworkManager, because it manages this computer&apos;s network.</source>
        <translation>NetworkManager, car il gère le réseau de cet ordinateur.</translation>
    </message>
    <message>
        <source>wg-quick: NetworkManager runs here, but this version of Factory VPN cannot drive it yet, so the tunnel is set up next to it.</source>
        <translation>wg-quick&#xa0;: NetworkManager tourne ici, mais cette version de Factory VPN ne sait pas encore le piloter&#xa0;; le tunnel est donc établi à côté.</translation>
    </message>
    <message>
        <source>wg-quick, because NetworkManager is not running.</source>
        <translation>wg-quick, car NetworkManager ne tourne pas.</translation>
    </message>
</context>
<context>
    <name>fvpn::ClientsFileTableModel</name>
    <message>
        <source>Public key (or # comment)</source>
        <translation>Clé publique (ou # commentaire)</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Comment (first word is the name)</source>
        <translation>Commentaire (1er mot = nom)</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
</context>
<context>
    <name>fvpn::ClientsFileView</name>
    <message>
        <source>Reload</source>
        <translation>Recharger</translation>
    </message>
    <message>
        <source>Add peer</source>
        <translation>Ajouter un pair</translation>
    </message>
    <message>
        <source>Remove lines</source>
        <translation>Supprimer les lignes</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Annuler les modifications</translation>
    </message>
    <message>
        <source>Save to hub</source>
        <translation>Enregistrer sur le hub</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tableau</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>factory-clients.conf saved; the hub applied it without dropping tunnels.</source>
        <translation>factory-clients.conf enregistré&#xa0;; le hub l&apos;a appliqué sans couper de tunnel.</translation>
    </message>
    <message>
        <source>Not saved: someone else changed factory-clients.conf meanwhile.</source>
        <translation>Non enregistré&#xa0;: quelqu&apos;un d&apos;autre a modifié factory-clients.conf entre-temps.</translation>
    </message>
    <message>
        <source>Your edit is re-applied on the newer version. Check it, then save.</source>
        <translation>Votre modification est réappliquée sur la version plus récente. Vérifiez-la, puis enregistrez.</translation>
    </message>
    <message>
        <source>Drop your changes to factory-clients.conf?</source>
        <translation>Abandonner vos modifications de factory-clients.conf&#xa0;?</translation>
    </message>
    <message>
        <source>Reload factory-clients.conf from the hub and drop your changes?</source>
        <translation>Recharger factory-clients.conf depuis le hub et abandonner vos modifications&#xa0;?</translation>
    </message>
    <message>
        <source>factory-clients.conf changed on the hub since you opened it. Saving will show both versions so you can re-apply your edit or take theirs.</source>
        <translation>factory-clients.conf a changé sur le hub depuis son ouverture. L&apos;enregistrement affichera les deux versions pour que vous puissiez réappliquer votre modification ou reprendre l&apos;autre version.</translation>
    </message>
    <message numerus="yes">
        <source>No problems: %n client peer(s).</source>
        <translation>
            <numerusform>Aucun problème&#xa0;: %n pair client.</numerusform>
            <numerusform>Aucun problème&#xa0;: %n pairs clients.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) — fix them to save:</source>
        <translation>
            <numerusform>%n problème – corrigez-le pour enregistrer&#xa0;:</numerusform>
            <numerusform>%n problèmes – corrigez-les pour enregistrer&#xa0;:</numerusform>
        </translation>
    </message>
    <message>
        <source>Not loaded</source>
        <translation>Non chargé</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>Modifié par quelqu&apos;un d&apos;autre</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <source>As on the hub</source>
        <translation>Identique au hub</translation>
    </message>
</context>
<context>
    <name>fvpn::ClientsModel</name>
    <message>
        <source>Not on the hub yet</source>
        <translation>Pas encore sur le hub</translation>
    </message>
    <message>
        <source>added to the file by hand</source>
        <translation>ajouté à la main dans le fichier</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Comment: %1
Line %2 of factory-clients.conf</source>
        <translation>Commentaire&#xa0;: %1
Ligne %2 de factory-clients.conf</translation>
    </message>
    <message>
        <source>Approved by, when</source>
        <translation>Approuvé par, quand</translation>
    </message>
</context>
<context>
    <name>fvpn::ClientsView</name>
    <message>
        <source>Copy address</source>
        <translation>Copier l&apos;adresse</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>Révoquer…</translation>
    </message>
    <message>
        <source>Filter by name, comment, address or key</source>
        <translation>Filtrer par nom, commentaire, adresse ou clé</translation>
    </message>
    <message>
        <source>Reason for revoking (optional, kept in the audit log)</source>
        <translation>Motif de la révocation (facultatif, conservé dans le journal d&apos;audit)</translation>
    </message>
    <message numerus="yes">
        <source>%n client peer(s)</source>
        <translation>
            <numerusform>%n pair client</numerusform>
            <numerusform>%n pairs clients</numerusform>
        </translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Motif&#xa0;: %1</translation>
    </message>
    <message>
        <source>Revoke %1 (%2, key %3…)?

Their tunnel stops at once and the line is removed from factory-clients.conf. They can ask for access again.</source>
        <translation>Révoquer %1 (%2, clé %3…)&#xa0;?

Son tunnel s&apos;arrête immédiatement et la ligne est retirée de factory-clients.conf. Un nouvel accès pourra être demandé.</translation>
    </message>
    <message>
        <source>Revoke client peer</source>
        <translation>Révoquer le pair client</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Révoquer</translation>
    </message>
    <message>
        <source>Revoked %1.</source>
        <translation>%1 révoqué.</translation>
    </message>
</context>
<context>
    <name>fvpn::ConflictPanel</name>
    <message>
        <source>Re-apply my edit on their version</source>
        <translation>Réappliquer ma modification sur l&apos;autre version</translation>
    </message>
    <message>
        <source>Take their version (discard my edit)</source>
        <translation>Reprendre l&apos;autre version (abandonner ma modification)</translation>
    </message>
    <message>
        <source>Someone else saved factory-clients.conf while you were editing it. Nothing was overwritten: the hub still has their version. Shaded lines differ. Re-apply your changes on top of their version (you can review the result before saving again), or take their version and drop yours.</source>
        <translation>Quelqu&apos;un d&apos;autre a enregistré factory-clients.conf pendant que vous le modifiiez. Rien n&apos;a été écrasé&#xa0;: le hub a toujours l&apos;autre version. Les lignes grisées diffèrent. Réappliquez vos modifications sur l&apos;autre version (vous pourrez vérifier le résultat avant d&apos;enregistrer), ou reprenez l&apos;autre version et abandonnez la vôtre.</translation>
    </message>
    <message>
        <source>Your version (not saved)</source>
        <translation>Votre version (non enregistrée)</translation>
    </message>
    <message>
        <source>On the hub now</source>
        <translation>Actuellement sur le hub</translation>
    </message>
</context>
<context>
    <name>fvpn::CopyLinkField</name>
    <message>
        <source>Copy link</source>
        <translation>Copier le lien</translation>
    </message>
</context>
<context>
    <name>fvpn::DeviceDirectory</name>
    <message>
        <source>The hub&apos;s device list is larger than this app accepts.</source>
        <translation>La liste des appareils du hub est plus grande que ce que cette application accepte.</translation>
    </message>
    <message>
        <source>The device list could not be fetched from the hub at %1 (%2).</source>
        <translation>La liste des appareils n&apos;a pas pu être obtenue du hub à %1 (%2).</translation>
    </message>
    <message>
        <source>no answer in time</source>
        <translation>pas de réponse à temps</translation>
    </message>
    <message>
        <source>The hub did not accept this computer&apos;s registration for the device list (HTTP %1).</source>
        <translation>Le hub n&apos;a pas accepté l&apos;inscription de cet ordinateur pour la liste des appareils (HTTP %1).</translation>
    </message>
    <message>
        <source>The hub at %1 does not offer a device list.</source>
        <translation>Le hub à %1 ne propose pas de liste d&apos;appareils.</translation>
    </message>
    <message>
        <source>The hub at %1 could not give the device list (HTTP %2).</source>
        <translation>Le hub à %1 n&apos;a pas pu fournir la liste des appareils (HTTP %2).</translation>
    </message>
</context>
<context>
    <name>fvpn::DeviceToDeviceView</name>
    <message>
        <source>Let devices reach each other through the hub</source>
        <translation>Permettre aux appareils de se joindre via le hub</translation>
    </message>
    <message>
        <source>Device-to-device mode</source>
        <translation>Mode appareil à appareil</translation>
    </message>
    <message>
        <source>&lt;p&gt;When this is on, the hub forwards traffic &lt;b&gt;between devices&lt;/b&gt;: a device can open connections to another device&apos;s VPN address. When it is off, the hub drops such traffic and devices only talk to the hub and to engineers.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Devices must route the VPN subnet&lt;/b&gt; through their tunnel for this to work. A stock device only routes the hub&apos;s own address (allowed-ips is the hub), so it drops replies from other devices; turning this on does not change that on the devices.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Engineer access is not affected&lt;/b&gt; either way: engineers always reach devices, because the hub forwards their traffic and answers for them.&lt;/p&gt;&lt;p&gt;The hub applies the change to its firewall at once and atomically; no tunnel is restarted.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Lorsque ce mode est activé, le hub transmet le trafic &lt;b&gt;entre appareils&lt;/b&gt;&#xa0;: un appareil peut ouvrir des connexions vers l&apos;adresse VPN d&apos;un autre appareil. Lorsqu&apos;il est désactivé, le hub rejette ce trafic et les appareils ne communiquent qu&apos;avec le hub et les techniciens.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Les appareils doivent router le sous-réseau VPN&lt;/b&gt; dans leur tunnel pour que cela fonctionne. Un appareil d&apos;origine ne route que l&apos;adresse du hub (allowed-ips est le hub) et rejette donc les réponses des autres appareils&#xa0;; activer ce mode n&apos;y change rien sur les appareils.&lt;/p&gt;&lt;p&gt;&lt;b&gt;L&apos;accès des techniciens n&apos;est pas concerné&lt;/b&gt;&#xa0;: les techniciens joignent toujours les appareils, car le hub transmet leur trafic et répond pour eux.&lt;/p&gt;&lt;p&gt;Le hub applique le changement à son pare-feu immédiatement et de façon atomique&#xa0;; aucun tunnel n&apos;est redémarré.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>State unknown: not connected to a hub.</source>
        <translation>État inconnu&#xa0;: pas de connexion à un hub.</translation>
    </message>
    <message>
        <source>The hub reports: ON — devices can reach each other (as of %1).</source>
        <translation>Le hub indique&#xa0;: ACTIVÉ – les appareils peuvent se joindre (au %1).</translation>
    </message>
    <message>
        <source>The hub reports: OFF — devices cannot reach each other (as of %1).</source>
        <translation>Le hub indique&#xa0;: DÉSACTIVÉ – les appareils ne peuvent pas se joindre (au %1).</translation>
    </message>
    <message>
        <source>Turn device-to-device mode ON?

Every device will be able to open connections to every other device on the VPN. Only devices that route the VPN subnet will actually get the replies.</source>
        <translation>ACTIVER le mode appareil à appareil&#xa0;?

Chaque appareil pourra ouvrir des connexions vers tous les autres appareils du VPN. Seuls les appareils qui routent le sous-réseau VPN recevront réellement les réponses.</translation>
    </message>
    <message>
        <source>Turn device-to-device mode OFF?

Connections between devices will be dropped by the hub. Engineer access stays as it is.</source>
        <translation>DÉSACTIVER le mode appareil à appareil&#xa0;?

Le hub rejettera les connexions entre appareils. L&apos;accès des techniciens reste inchangé.</translation>
    </message>
    <message>
        <source>Turn on</source>
        <translation>Activer</translation>
    </message>
    <message>
        <source>Turn off</source>
        <translation>Désactiver</translation>
    </message>
    <message>
        <source>Asking the hub…</source>
        <translation>Interrogation du hub…</translation>
    </message>
    <message>
        <source>The hub kept device-to-device mode %1.</source>
        <translation>Le hub a laissé le mode appareil à appareil %1.</translation>
    </message>
    <message>
        <source>on</source>
        <translation>activé</translation>
    </message>
    <message>
        <source>off</source>
        <translation>désactivé</translation>
    </message>
    <message>
        <source>Device-to-device mode is on.</source>
        <translation>Le mode appareil à appareil est activé.</translation>
    </message>
    <message>
        <source>Device-to-device mode is off.</source>
        <translation>Le mode appareil à appareil est désactivé.</translation>
    </message>
</context>
<context>
    <name>fvpn::DevicesModel</name>
    <message>
        <source>Not on the hub</source>
        <translation>Pas sur le hub</translation>
    </message>
    <message>
        <source>↓ %1  ↑ %2</source>
        <translation>↓ %1  ↑ %2</translation>
    </message>
    <message>
        <source>Received %1 bytes, sent %2 bytes (from the hub&apos;s side)</source>
        <translation>%1 octets reçus, %2 octets envoyés (côté hub)</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Transfert</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Point de terminaison</translation>
    </message>
</context>
<context>
    <name>fvpn::DevicesView</name>
    <message>
        <source>Copy address</source>
        <translation>Copier l&apos;adresse</translation>
    </message>
    <message>
        <source>Copy key</source>
        <translation>Copier la clé</translation>
    </message>
    <message>
        <source>Filter by name, address, key or endpoint</source>
        <translation>Filtrer par nom, adresse, clé ou point de terminaison</translation>
    </message>
    <message numerus="yes">
        <source>%n device(s): %1 online, %2 stale</source>
        <translation>
            <numerusform>%n appareil&#xa0;: %1 en ligne, %2 inactif(s)</numerusform>
            <numerusform>%n appareils&#xa0;: %1 en ligne, %2 inactif(s)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 shown of %2</source>
        <translation>%1 affiché(s) sur %2</translation>
    </message>
</context>
<context>
    <name>fvpn::Diagnostics</name>
    <message>
        <source>Checking</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>Non vérifié</translation>
    </message>
    <message>
        <source>Hub reachable</source>
        <translation>Hub joignable</translation>
    </message>
    <message>
        <source>Registration request</source>
        <translation>Demande d&apos;inscription</translation>
    </message>
    <message>
        <source>Tunnel backend</source>
        <translation>Moteur du tunnel</translation>
    </message>
    <message>
        <source>Tunnel up</source>
        <translation>Tunnel actif</translation>
    </message>
    <message>
        <source>Handshake with the hub</source>
        <translation>Handshake avec le hub</translation>
    </message>
    <message>
        <source>Hub address answers</source>
        <translation>L&apos;adresse du hub répond</translation>
    </message>
    <message>
        <source>Route conflicts</source>
        <translation>Conflits de routes</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>No hub address is set. Paste the hub&apos;s address or your enrollment link.</source>
        <translation>Aucune adresse de hub n&apos;est définie. Collez l&apos;adresse du hub ou votre lien d&apos;inscription.</translation>
    </message>
    <message>
        <source>The hub at %1 answers over HTTPS.</source>
        <translation>Le hub %1 répond en HTTPS.</translation>
    </message>
    <message>
        <source>You have no VPN key yet. Click Generate key.</source>
        <translation>Vous n&apos;avez pas encore de clé VPN. Cliquez sur « Générer une clé ».</translation>
    </message>
    <message>
        <source>You have not registered with the hub yet.</source>
        <translation>Vous ne vous êtes pas encore inscrit auprès du hub.</translation>
    </message>
    <message>
        <source>Waiting for an administrator to approve your request. You cannot connect before that.</source>
        <translation>Votre demande attend l&apos;approbation d&apos;un administrateur. Vous ne pouvez pas vous connecter avant.</translation>
    </message>
    <message>
        <source>Approved; your VPN address is %1.</source>
        <translation>Approuvé&#xa0;; votre adresse VPN est %1.</translation>
    </message>
    <message>
        <source>Rejected%1. Talk to your administrator, then start over.</source>
        <translation>Refusé%1. Parlez-en à votre administrateur, puis recommencez.</translation>
    </message>
    <message>
        <source>Your access was revoked%1.</source>
        <translation>Votre accès a été révoqué%1.</translation>
    </message>
    <message>
        <source>Your request was cancelled. Start over.</source>
        <translation>Votre demande a été annulée. Recommencez.</translation>
    </message>
    <message>
        <source>There is no approved tunnel yet.</source>
        <translation>Il n&apos;y a pas encore de tunnel approuvé.</translation>
    </message>
    <message>
        <source>The tunnel interface %1 is up.</source>
        <translation>L&apos;interface du tunnel %1 est active.</translation>
    </message>
    <message>
        <source>The tunnel is not up.</source>
        <translation>Le tunnel n&apos;est pas actif.</translation>
    </message>
    <message>
        <source>Last handshake with the hub %1.</source>
        <translation>Dernier handshake avec le hub %1.</translation>
    </message>
    <message>
        <source>No handshake yet; the tunnel is still starting.</source>
        <translation>Pas encore de handshake&#xa0;; le tunnel démarre encore.</translation>
    </message>
    <message>
        <source>The hub did not say which VPN address it has, so it cannot be pinged.</source>
        <translation>Le hub n&apos;a pas indiqué son adresse VPN, il ne peut donc pas être pingé.</translation>
    </message>
    <message>
        <source>The hub&apos;s VPN address %1 answers ping through the tunnel.</source>
        <translation>L&apos;adresse VPN du hub %1 répond au ping à travers le tunnel.</translation>
    </message>
    <message>
        <source>The hub&apos;s VPN address %1 does not answer ping. If the handshake is fine, a route or firewall on this computer may be in the way.</source>
        <translation>L&apos;adresse VPN du hub %1 ne répond pas au ping. Si le handshake est correct, une route ou un pare-feu de cet ordinateur bloque peut-être le trafic.</translation>
    </message>
    <message>
        <source>The routing table could not be read.</source>
        <translation>La table de routage n&apos;a pas pu être lue.</translation>
    </message>
    <message>
        <source>No other network on this computer overlaps %1.</source>
        <translation>Aucun autre réseau de cet ordinateur ne chevauche %1.</translation>
    </message>
    <message>
        <source>%1 on %2 overlaps the VPN&apos;s %3</source>
        <translation>%1 sur %2 chevauche %3 du VPN</translation>
    </message>
    <message>
        <source>%1. Traffic for those addresses does not go through the tunnel; ask your administrator.</source>
        <translation>%1. Le trafic vers ces adresses ne passe pas par le tunnel&#xa0;; demandez à votre administrateur.</translation>
    </message>
    <message>
        <source>Factory VPN diagnostics, %1</source>
        <translation>Diagnostic Factory VPN, %1</translation>
    </message>
    <message>
        <source>App version: %1</source>
        <translation>Version de l&apos;application&#xa0;: %1</translation>
    </message>
    <message>
        <source>Hub: %1</source>
        <translation>Hub&#xa0;: %1</translation>
    </message>
    <message>
        <source>Pinned certificate: %1</source>
        <translation>Certificat épinglé&#xa0;: %1</translation>
    </message>
    <message>
        <source>(none, system trust)</source>
        <translation>(aucun, confiance du système)</translation>
    </message>
    <message>
        <source>Name: %1; host: %2; OS: %3</source>
        <translation>Nom&#xa0;: %1&#xa0;; hôte&#xa0;: %2&#xa0;; système&#xa0;: %3</translation>
    </message>
    <message>
        <source>Public key: %1</source>
        <translation>Clé publique&#xa0;: %1</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucune)</translation>
    </message>
    <message>
        <source>Request: %1, %2</source>
        <translation>Demande&#xa0;: %1, %2</translation>
    </message>
    <message>
        <source>not registered</source>
        <translation>non inscrit</translation>
    </message>
    <message>
        <source>VPN address: %1/%2; hub %3 at %4; hub key %5; allowed IPs %6</source>
        <translation>Adresse VPN&#xa0;: %1/%2&#xa0;; hub %3 à %4&#xa0;; clé du hub %5&#xa0;; IP autorisées %6</translation>
    </message>
    <message>
        <source>(address unknown)</source>
        <translation>(adresse inconnue)</translation>
    </message>
    <message>
        <source>Tunnel: %1%2</source>
        <translation>Tunnel&#xa0;: %1%2</translation>
    </message>
    <message>
        <source>Endpoint: %1; last handshake %2; received %3, sent %4</source>
        <translation>Point de terminaison&#xa0;: %1&#xa0;; dernier handshake %2&#xa0;; reçu %3, envoyé %4</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Remarque</translation>
    </message>
    <message>
        <source>You are disconnected. Click Connect when you need the factory&apos;s devices.</source>
        <translation>Vous êtes déconnecté. Cliquez sur «&#xa0;Se connecter&#xa0;» quand vous avez besoin des appareils de l&apos;usine.</translation>
    </message>
</context>
<context>
    <name>fvpn::DiagnosticsDialog</name>
    <message>
        <source>Copy report</source>
        <translation>Copier le rapport</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Vérifier à nouveau</translation>
    </message>
    <message>
        <source>Factory VPN diagnostics</source>
        <translation>Diagnostic Factory VPN</translation>
    </message>
    <message>
        <source>The report is on the clipboard. It holds no private key.</source>
        <translation>Le rapport est dans le presse-papiers. Il ne contient aucune clé privée.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>Aucun problème trouvé.</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found; the details say what to do.</source>
        <translation>
            <numerusform>%n problème trouvé&#xa0;; les détails indiquent quoi faire.</numerusform>
            <numerusform>%n problèmes trouvés&#xa0;; les détails indiquent quoi faire.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fvpn::DiagnosticsModel</name>
    <message>
        <source>Check</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>What was found</source>
        <translation>Constat</translation>
    </message>
</context>
<context>
    <name>fvpn::DirectoryModel</name>
    <message>
        <source>Online</source>
        <translation>En ligne</translation>
    </message>
    <message>
        <source>Stale</source>
        <translation>Inactif</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>Last handshake with the hub: %1 (UTC)</source>
        <translation>Dernier handshake avec le hub&#xa0;: %1 (UTC)</translation>
    </message>
    <message>
        <source>No handshake with the hub since it started</source>
        <translation>Aucun handshake avec le hub depuis son démarrage</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Appareil</translation>
    </message>
    <message>
        <source>VPN address</source>
        <translation>Adresse VPN</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Vu pour la dernière fois</translation>
    </message>
</context>
<context>
    <name>fvpn::DirectoryView</name>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Copy address</source>
        <translation>Copier l&apos;adresse</translation>
    </message>
    <message>
        <source>Copy ssh command</source>
        <translation>Copier la commande ssh</translation>
    </message>
    <message>
        <source>Filter by name, address or state</source>
        <translation>Filtrer par nom, adresse ou état</translation>
    </message>
    <message numerus="yes">
        <source>%n device(s)</source>
        <translation>
            <numerusform>%n appareil</numerusform>
            <numerusform>%n appareils</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n online</source>
        <translation>
            <numerusform>, %n en ligne</numerusform>
            <numerusform>, %n en ligne</numerusform>
        </translation>
    </message>
    <message>
        <source>updated %1</source>
        <translation>mise à jour à %1</translation>
    </message>
    <message>
        <source>Your hub does not list its devices for engineers yet. Ask your administrator for the addresses you need.</source>
        <translation>Votre hub ne liste pas encore ses appareils pour les techniciens. Demandez à votre administrateur les adresses dont vous avez besoin.</translation>
    </message>
    <message>
        <source>Not connected: the list is as it was when %1. Connect to see it now.</source>
        <translation>Non connecté&#xa0;: la liste est celle de %1. Connectez-vous pour la voir à jour.</translation>
    </message>
    <message>
        <source>Connect to see the factory&apos;s devices you can reach.</source>
        <translation>Connectez-vous pour voir les appareils de l&apos;usine que vous pouvez joindre.</translation>
    </message>
    <message>
        <source>Asking the hub for its devices…</source>
        <translation>Demande des appareils au hub…</translation>
    </message>
    <message>
        <source>(showing the list as it was when %1)</source>
        <translation>(liste affichée telle que lors de %1)</translation>
    </message>
</context>
<context>
    <name>fvpn::EngineerSession</name>
    <message>
        <source>Cannot follow your request: %1</source>
        <translation>Impossible de suivre votre demande&#xa0;: %1</translation>
    </message>
    <message>
        <source>You already have a request with %1; start over to use another hub.</source>
        <translation>Vous avez déjà une demande auprès de %1&#xa0;; recommencez pour utiliser un autre hub.</translation>
    </message>
    <message>
        <source>Your request with the current key is still pending; cancel it before making a new key.</source>
        <translation>Votre demande avec la clé actuelle est encore en attente&#xa0;; annulez-la avant de créer une nouvelle clé.</translation>
    </message>
    <message>
        <source>Your current key is approved; start over before making a new key.</source>
        <translation>Votre clé actuelle est approuvée&#xa0;; recommencez avant de créer une nouvelle clé.</translation>
    </message>
    <message>
        <source>Your name: %1</source>
        <translation>Votre nom&#xa0;: %1</translation>
    </message>
    <message>
        <source>Enter the hub&apos;s address or your enrollment link first.</source>
        <translation>Saisissez d&apos;abord l&apos;adresse du hub ou votre lien d&apos;inscription.</translation>
    </message>
    <message>
        <source>Generate your key first.</source>
        <translation>Générez d&apos;abord votre clé.</translation>
    </message>
    <message>
        <source>You already have a request; start over to send another.</source>
        <translation>Vous avez déjà une demande&#xa0;; recommencez pour en envoyer une autre.</translation>
    </message>
    <message>
        <source>Sending your request to the hub…</source>
        <translation>Envoi de votre demande au hub…</translation>
    </message>
    <message>
        <source>Your request was sent but cannot be followed, so it was withdrawn: %1</source>
        <translation>Votre demande a été envoyée mais ne peut pas être suivie&#xa0;; elle a donc été retirée&#xa0;: %1</translation>
    </message>
    <message>
        <source>The hub no longer recognises your request (%1). Start over to send a new one.</source>
        <translation>Le hub ne reconnaît plus votre demande (%1). Recommencez pour en envoyer une nouvelle.</translation>
    </message>
    <message>
        <source>%1 Trying again later.</source>
        <translation>%1 Nouvel essai plus tard.</translation>
    </message>
    <message>
        <source>Cancelling your request…</source>
        <translation>Annulation de votre demande…</translation>
    </message>
    <message>
        <source>There is no approved tunnel to export yet.</source>
        <translation>Il n&apos;y a pas encore de tunnel approuvé à exporter.</translation>
    </message>
    <message>
        <source>Your key was not replaced: your registration has ended.</source>
        <translation>Votre clé n&apos;a pas été remplacée&#xa0;: votre inscription a pris fin.</translation>
    </message>
    <message>
        <source>Your key was not replaced: your access was revoked.</source>
        <translation>Votre clé n&apos;a pas été remplacée&#xa0;: votre accès a été révoqué.</translation>
    </message>
    <message>
        <source>Waiting for your keychain to store the key… If it asks for a password, answer it to go on.</source>
        <translation>En attente de votre trousseau pour enregistrer la clé… S&apos;il demande un mot de passe, répondez pour continuer.</translation>
    </message>
    <message>
        <source>Checking the hub&apos;s certificate… Nothing has been sent yet.</source>
        <translation>Vérification du certificat du hub… Rien n&apos;a encore été envoyé.</translation>
    </message>
</context>
<context>
    <name>fvpn::EngineerView</name>
    <message>
        <source>Check now</source>
        <translation>Vérifier maintenant</translation>
    </message>
    <message>
        <source>Cancel request</source>
        <translation>Annuler la demande</translation>
    </message>
    <message>
        <source>Start over</source>
        <translation>Recommencer</translation>
    </message>
    <message>
        <source>Withdraw your request to join the VPN?</source>
        <translation>Retirer votre demande d&apos;accès au VPN&#xa0;?</translation>
    </message>
    <message>
        <source>Unknown certificate</source>
        <translation>Certificat inconnu</translation>
    </message>
    <message>
        <source>The hub&apos;s certificate was not trusted, so nothing was sent.</source>
        <translation>Le certificat du hub n&apos;a pas été accepté&#xa0;; rien n&apos;a donc été envoyé.</translation>
    </message>
    <message>
        <source>Paste the link your administrator sent you, generate your key and register.</source>
        <translation>Collez le lien envoyé par votre administrateur, générez votre clé et inscrivez-vous.</translation>
    </message>
    <message>
        <source>Approved. Click Connect to reach the factory&apos;s devices.</source>
        <translation>Approuvé. Cliquez sur « Se connecter » pour joindre les appareils de l&apos;usine.</translation>
    </message>
    <message>
        <source>Your request (%1, key %2) is with the hub at %3; this page changes by itself when it is decided.</source>
        <translation>Votre demande (%1, clé %2) est auprès du hub %3&#xa0;; cette page se met à jour d&apos;elle-même dès qu&apos;elle est traitée.</translation>
    </message>
    <message>
        <source>Reason given: &quot;%1&quot;</source>
        <translation>Motif indiqué&#xa0;: « %1 »</translation>
    </message>
    <message>
        <source>Enrollment link</source>
        <translation>Lien d&apos;inscription</translation>
    </message>
    <message>
        <source>The link was not used: %1</source>
        <translation>Le lien n&apos;a pas été utilisé&#xa0;: %1</translation>
    </message>
    <message>
        <source>The link was not used: this computer&apos;s request to %1 is waiting for approval. To use the link instead, click Cancel request, then open the link again.</source>
        <translation>Le lien n&apos;a pas été utilisé&#xa0;: la demande de cet ordinateur auprès de %1 attend une approbation. Pour utiliser ce lien à la place, cliquez sur « Annuler la demande », puis ouvrez à nouveau le lien.</translation>
    </message>
    <message>
        <source>The link was not used: this computer already has a registration with %1. To use the link instead, click Start over, then open the link again.</source>
        <translation>Le lien n&apos;a pas été utilisé&#xa0;: cet ordinateur est déjà inscrit auprès de %1. Pour utiliser ce lien à la place, cliquez sur « Recommencer », puis ouvrez à nouveau le lien.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>How you get on the VPN</source>
        <translation>Comment accéder au VPN</translation>
    </message>
    <message>
        <source>The hub at %1 presented a certificate that this computer does not know yet.

Its fingerprint:
%2

Trust it only if it is exactly the fingerprint your administrator gave you (they see it with &quot;factory-vpn-ctl enrollment&quot;, and it is part of an enrollment link).</source>
        <translation>Le hub à %1 a présenté un certificat que cet ordinateur ne connaît pas encore.

Son empreinte&#xa0;:
%2

Ne lui faites confiance que si c&apos;est exactement l&apos;empreinte que votre administrateur vous a donnée (il la voit avec «&#xa0;factory-vpn-ctl enrollment&#xa0;», et elle fait partie de tout lien d&apos;inscription).</translation>
    </message>
</context>
<context>
    <name>fvpn::EnrollPage</name>
    <message>
        <source>&amp;Generate key</source>
        <translation>&amp;Générer une clé</translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation>S&apos;inscri&amp;re</translation>
    </message>
    <message>
        <source>factory-vpn://enroll?… or hub.example.com:8443</source>
        <translation>factory-vpn://enroll?… ou hub.example.com:8443</translation>
    </message>
    <message>
        <source>Your full name, as your administrator knows you</source>
        <translation>Votre nom complet, tel que votre administrateur vous connaît</translation>
    </message>
    <message>
        <source>Your private key is kept in this computer&apos;s keychain, never in a file. The first time, your desktop may ask you to choose a password for a new keyring, or to unlock it: that password protects your VPN key.</source>
        <translation>Votre clé privée est gardée dans le trousseau de cet ordinateur, jamais dans un fichier. La première fois, votre bureau peut vous demander de choisir un mot de passe pour un nouveau trousseau, ou de le déverrouiller&#xa0;: ce mot de passe protège votre clé VPN.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Hub address or enrollment link:</source>
        <translation>Adresse du hub ou lien d&apos;inscription&#xa0;:</translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation>Votre nom&#xa0;:</translation>
    </message>
    <message>
        <source>This computer:</source>
        <translation>Cet ordinateur&#xa0;:</translation>
    </message>
    <message>
        <source>Your VPN key:</source>
        <translation>Votre clé VPN&#xa0;:</translation>
    </message>
    <message>
        <source>Register sends the hub your public key, your name and this computer&apos;s name and operating system, as shown above, so an administrator can tell who is asking.</source>
        <translation>«&#xa0;S&apos;inscrire&#xa0;» envoie au hub votre clé publique, votre nom ainsi que le nom et le système de cet ordinateur, tels qu&apos;affichés ci-dessus, pour qu&apos;un administrateur sache qui demande.</translation>
    </message>
    <message>
        <source>How you get on the VPN</source>
        <translation>Comment accéder au VPN</translation>
    </message>
    <message>
        <source>Key %1… made; its private half is in your keychain.</source>
        <translation>Clé %1… créée&#xa0;; sa partie privée est dans votre trousseau.</translation>
    </message>
    <message>
        <source>No key yet.</source>
        <translation>Pas encore de clé.</translation>
    </message>
    <message>
        <source>Your public key: %1</source>
        <translation>Votre clé publique&#xa0;: %1</translation>
    </message>
    <message>
        <source>Connect when approved</source>
        <translation>Se connecter dès l&apos;approbation</translation>
    </message>
    <message>
        <source>Ne&amp;w key</source>
        <translation>&amp;Nouvelle clé</translation>
    </message>
</context>
<context>
    <name>fvpn::ExportDialog</name>
    <message>
        <source>Include my private key (needed to connect with the WireGuard app)</source>
        <translation>Inclure ma clé privée (nécessaire pour se connecter avec l&apos;application WireGuard)</translation>
    </message>
    <message>
        <source>Save as .conf…</source>
        <translation>Enregistrer en .conf…</translation>
    </message>
    <message>
        <source>Export the tunnel</source>
        <translation>Exporter le tunnel</translation>
    </message>
    <message>
        <source>Export your private key?</source>
        <translation>Exporter votre clé privée&#xa0;?</translation>
    </message>
    <message>
        <source>The file and the QR code will contain your private key. Anyone who gets them can join the factory&apos;s VPN as you. Export the private key?</source>
        <translation>Le fichier et le code QR contiendront votre clé privée. Quiconque les obtient peut rejoindre le VPN de l&apos;usine en votre nom. Exporter la clé privée&#xa0;?</translation>
    </message>
    <message>
        <source>Save the tunnel</source>
        <translation>Enregistrer le tunnel</translation>
    </message>
    <message>
        <source>WireGuard configuration (*.conf)</source>
        <translation>Configuration WireGuard (*.conf)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>This contains your private key: keep the file and the QR code to yourself.</source>
        <translation>Ceci contient votre clé privée&#xa0;: gardez le fichier et le code QR pour vous.</translation>
    </message>
    <message>
        <source>Without the private key: the WireGuard app needs you to add it before it can connect.</source>
        <translation>Sans la clé privée&#xa0;: vous devrez l&apos;ajouter dans l&apos;application WireGuard avant qu&apos;elle puisse se connecter.</translation>
    </message>
    <message>
        <source>Saved to %1 (readable only by you; it contains your private key).</source>
        <translation>Enregistré dans %1 (lisible par vous seul&#xa0;; contient votre clé privée).</translation>
    </message>
    <message>
        <source>Saved to %1 (readable only by you).</source>
        <translation>Enregistré dans %1 (lisible par vous seul).</translation>
    </message>
</context>
<context>
    <name>fvpn::HubClient</name>
    <message>
        <source>No hub address is set.</source>
        <translation>Aucune adresse de hub n&apos;est définie.</translation>
    </message>
    <message>
        <source>%1 did not present a certificate.</source>
        <translation>%1 n&apos;a présenté aucun certificat.</translation>
    </message>
    <message>
        <source>Cannot reach the hub at %1: %2</source>
        <translation>Impossible de joindre le hub %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>The hub at %1 did not answer in time.</source>
        <translation>Le hub %1 n&apos;a pas répondu à temps.</translation>
    </message>
    <message>
        <source>The hub at %1 presented %2, which this computer does not trust. Accept it only if your administrator confirms that fingerprint.</source>
        <translation>Le hub %1 a présenté %2, auquel cet ordinateur ne fait pas confiance. Ne l&apos;acceptez que si votre administrateur confirme cette empreinte.</translation>
    </message>
    <message>
        <source>The hub at %1 presented %2, not the certificate this app was told to trust (%3). Someone may be intercepting the connection; ask your administrator.</source>
        <translation>Le hub %1 a présenté %2, et non le certificat auquel cette application doit se fier (%3). Quelqu&apos;un intercepte peut-être la connexion&#xa0;; demandez à votre administrateur.</translation>
    </message>
    <message>
        <source>The hub at %1 sent an answer larger than expected.</source>
        <translation>Le hub %1 a envoyé une réponse plus grande que prévu.</translation>
    </message>
    <message>
        <source>Cannot reach the hub at %1: %2.</source>
        <translation>Impossible de joindre le hub %1&#xa0;: %2.</translation>
    </message>
    <message>
        <source>The hub at %1 answered with something that is not JSON; is this the Factory VPN hub?</source>
        <translation>Le hub %1 a répondu autre chose que du JSON&#xa0;; est-ce bien le hub Factory VPN&#xa0;?</translation>
    </message>
    <message>
        <source>The hub at %1 refused (HTTP %2)</source>
        <translation>Le hub %1 a refusé (HTTP %2)</translation>
    </message>
    <message>
        <source>The hub answered about another request than the one asked for.</source>
        <translation>Le hub a répondu au sujet d&apos;une autre demande que celle demandée.</translation>
    </message>
    <message>
        <source>Checking the certificate of the hub at %1 was cancelled.</source>
        <translation>La vérification du certificat du hub à %1 a été annulée.</translation>
    </message>
</context>
<context>
    <name>fvpn::HubLink</name>
    <message>
        <source>%1 is not a web address (expected https://host or https://host:port)</source>
        <translation>%1 n&apos;est pas une adresse web (attendu&#xa0;: https://hôte ou https://hôte:port)</translation>
    </message>
    <message>
        <source>The hub address must start with https:// (got %1); the hub serves its API over TLS.</source>
        <translation>L&apos;adresse du hub doit commencer par https:// (reçu&#xa0;: %1)&#xa0;; le hub sert son API en TLS.</translation>
    </message>
    <message>
        <source>%1 has more than a host and port; give only https://host[:port]</source>
        <translation>%1 contient plus qu&apos;un hôte et un port&#xa0;; indiquez seulement https://hôte[:port]</translation>
    </message>
    <message>
        <source>The invite code in the link is empty or too long.</source>
        <translation>Le code d&apos;invitation du lien est vide ou trop long.</translation>
    </message>
    <message>
        <source>The invite code %1 has characters an invite never contains.</source>
        <translation>Le code d&apos;invitation %1 contient des caractères qu&apos;une invitation ne contient jamais.</translation>
    </message>
    <message>
        <source>Paste the hub&apos;s address (https://…) or the enrollment link you were given.</source>
        <translation>Collez l&apos;adresse du hub (https://…) ou le lien d&apos;inscription que vous avez reçu.</translation>
    </message>
    <message>
        <source>That text is far longer than an enrollment link.</source>
        <translation>Ce texte est bien plus long qu&apos;un lien d&apos;inscription.</translation>
    </message>
    <message>
        <source>The link contains control characters; copy it again.</source>
        <translation>Le lien contient des caractères de contrôle&#xa0;; copiez-le à nouveau.</translation>
    </message>
    <message>
        <source>%1 is not an enrollment link (expected %2://enroll?url=…)</source>
        <translation>%1 n&apos;est pas un lien d&apos;inscription (attendu&#xa0;: %2://enroll?url=…)</translation>
    </message>
    <message>
        <source>The enrollment link has an unknown part %1; is the app older than the hub?</source>
        <translation>Le lien d&apos;inscription contient une partie inconnue %1&#xa0;; l&apos;application est-elle plus ancienne que le hub&#xa0;?</translation>
    </message>
    <message>
        <source>The enrollment link names %1 twice.</source>
        <translation>Le lien d&apos;inscription indique %1 deux fois.</translation>
    </message>
    <message>
        <source>The enrollment link has no hub address (url=…).</source>
        <translation>Le lien d&apos;inscription ne contient pas d&apos;adresse de hub (url=…).</translation>
    </message>
    <message>
        <source>The enrollment link has no certificate fingerprint (fp=sha256:…).</source>
        <translation>Le lien d&apos;inscription ne contient pas d&apos;empreinte de certificat (fp=sha256:…).</translation>
    </message>
    <message>
        <source>The link&apos;s fingerprint must start with &apos;sha256:&apos;.</source>
        <translation>L&apos;empreinte du lien doit commencer par « sha256: ».</translation>
    </message>
    <message>
        <source>The enrollment link pins a certificate for a hub without TLS.</source>
        <translation>Le lien d&apos;inscription épingle un certificat pour un hub sans TLS.</translation>
    </message>
</context>
<context>
    <name>fvpn::InvitesModel</name>
    <message>
        <source>Usable</source>
        <translation>Utilisable</translation>
    </message>
    <message>
        <source>Used up</source>
        <translation>Épuisée</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expirée</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Révoquée</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>Pre-approved</source>
        <translation>Pré-approuvée</translation>
    </message>
    <message>
        <source>Needs approval</source>
        <translation>À approuver</translation>
    </message>
    <message>
        <source>Revoked %1</source>
        <translation>Révoquée le %1</translation>
    </message>
    <message>
        <source>Registrations with this invite join the VPN without an admin&apos;s approval</source>
        <translation>Les inscriptions avec cette invitation rejoignent le VPN sans approbation d’un administrateur</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Uses</source>
        <translation>Utilisations</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expire</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>Approbation</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>Créée par</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créée</translation>
    </message>
</context>
<context>
    <name>fvpn::InvitesView</name>
    <message>
        <source>Revoke…</source>
        <translation>Révoquer…</translation>
    </message>
    <message>
        <source>Filter by note, state or creator</source>
        <translation>Filtrer par note, état ou auteur</translation>
    </message>
    <message>
        <source>Enrollment link</source>
        <translation>Lien d’inscription</translation>
    </message>
    <message>
        <source>Engineers paste this link into the app&apos;s first-run screen; their registration then waits for an admin&apos;s approval.</source>
        <translation>Les techniciens collent ce lien dans l’écran de premier démarrage de l’application ; leur inscription attend ensuite l’approbation d’un administrateur.</translation>
    </message>
    <message>
        <source>Invites</source>
        <translation>Invitations</translation>
    </message>
    <message>
        <source>The link is on the clipboard.</source>
        <translation>Le lien est dans le presse-papiers.</translation>
    </message>
    <message numerus="yes">
        <source>%n invite(s)</source>
        <translation>
            <numerusform>%n invitation</numerusform>
            <numerusform>%n invitations</numerusform>
        </translation>
    </message>
    <message>
        <source>The hub has no public URL, so it cannot make a link</source>
        <translation>Le hub n’a pas d’URL publique et ne peut donc pas créer de lien</translation>
    </message>
    <message>
        <source>The hub serves plain HTTP: the link pins no certificate.</source>
        <translation>Le hub utilise HTTP sans chiffrement : le lien n’épingle aucun certificat.</translation>
    </message>
    <message>
        <source>The link pins the hub&apos;s certificate: %1</source>
        <translation>Le lien épingle le certificat du hub : %1</translation>
    </message>
    <message>
        <source>Created the invite.</source>
        <translation>Invitation créée.</translation>
    </message>
    <message>
        <source>the invite %1</source>
        <translation>l’invitation %1</translation>
    </message>
    <message>
        <source>the invite “%1”</source>
        <translation>l’invitation « %1 »</translation>
    </message>
    <message>
        <source>Revoke %1?

Its link stops working at once. Engineers who already registered with it keep their access.</source>
        <translation>Révoquer %1 ?

Son lien cesse aussitôt de fonctionner. Les techniciens déjà inscrits avec elle gardent leur accès.</translation>
    </message>
    <message>
        <source>Revoke invite</source>
        <translation>Révoquer l’invitation</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Révoquer</translation>
    </message>
    <message>
        <source>Revoked %1.</source>
        <translation>Révocation effectuée : %1.</translation>
    </message>
</context>
<context>
    <name>fvpn::JourneySteps</name>
    <message>
        <source>Paste the link (or the hub&apos;s address) your administrator sent you.</source>
        <translation>Collez le lien (ou l&apos;adresse du hub) que votre administrateur vous a envoyé.</translation>
    </message>
    <message>
        <source>Generate your key. The private half stays in this computer&apos;s keychain; your desktop may ask you for a keyring password to protect it.</source>
        <translation>Générez votre clé. La partie privée reste dans le trousseau de cet ordinateur&#xa0;; votre bureau peut demander un mot de passe de trousseau pour la protéger.</translation>
    </message>
    <message>
        <source>Register. The hub receives your name, this computer&apos;s name and OS, and your public key.</source>
        <translation>Inscrivez-vous. Le hub reçoit votre nom, le nom et le système de cet ordinateur, et votre clé publique.</translation>
    </message>
    <message>
        <source>Wait for an administrator to approve you. You can close this window: Factory VPN stays in the tray and tells you when you are approved.</source>
        <translation>Attendez qu&apos;un administrateur vous approuve. Vous pouvez fermer cette fenêtre&#xa0;: Factory VPN reste dans la zone de notification et vous prévient quand vous êtes approuvé.</translation>
    </message>
    <message>
        <source>Connect, and reach the factory&apos;s devices by their addresses.</source>
        <translation>Connectez-vous et joignez les appareils de l&apos;usine par leurs adresses.</translation>
    </message>
</context>
<context>
    <name>fvpn::KeyManager</name>
    <message>
        <source>Cannot generate a key</source>
        <translation>Impossible de générer une clé</translation>
    </message>
    <message>
        <source>Cannot keep the new key</source>
        <translation>Impossible de conserver la nouvelle clé</translation>
    </message>
    <message>
        <source>Cannot read your VPN key</source>
        <translation>Impossible de lire votre clé VPN</translation>
    </message>
    <message>
        <source>The VPN key in the keychain is damaged (%1); generate a new key and register again.</source>
        <translation>La clé VPN du trousseau est endommagée (%1)&#xa0;; générez une nouvelle clé et inscrivez-vous à nouveau.</translation>
    </message>
    <message>
        <source>Cannot delete your VPN key</source>
        <translation>Impossible de supprimer votre clé VPN</translation>
    </message>
    <message>
        <source>Cannot switch to your new VPN key: it is no longer in the keychain. Replace your key again.</source>
        <translation>Impossible de passer à votre nouvelle clé VPN&#xa0;: elle n&apos;est plus dans le trousseau. Remplacez à nouveau votre clé.</translation>
    </message>
    <message>
        <source>Cannot switch to your new VPN key: the key in the keychain is not the one that was registered. Replace your key again.</source>
        <translation>Impossible de passer à votre nouvelle clé VPN&#xa0;: la clé du trousseau n&apos;est pas celle qui a été inscrite. Remplacez à nouveau votre clé.</translation>
    </message>
    <message>
        <source>Cannot switch to your new VPN key</source>
        <translation>Impossible de passer à votre nouvelle clé VPN</translation>
    </message>
    <message>
        <source>Factory VPN keeps your VPN key only in the system keychain, never in a plain file.</source>
        <translation>Factory VPN garde votre clé VPN uniquement dans le trousseau du système, jamais dans un simple fichier.</translation>
    </message>
    <message>
        <source>%1: there is no VPN key in the keychain. Generate a key first.</source>
        <translation>%1&#xa0;: il n&apos;y a pas de clé VPN dans le trousseau. Générez d&apos;abord une clé.</translation>
    </message>
</context>
<context>
    <name>fvpn::KeyReplacer</name>
    <message>
        <source>Replacing your key: making your new key and sending it to the hub.</source>
        <translation>Remplacement de votre clé&#xa0;: création de la nouvelle clé et envoi au hub.</translation>
    </message>
    <message>
        <source>Replacing your key: your new key (%1) is waiting for an administrator&apos;s approval. Your current key keeps working until then.</source>
        <translation>Remplacement de votre clé&#xa0;: votre nouvelle clé (%1) attend l&apos;approbation d&apos;un administrateur. Votre clé actuelle fonctionne jusque-là.</translation>
    </message>
    <message>
        <source>Replacing your key: your new key was approved; switching to it.</source>
        <translation>Remplacement de votre clé&#xa0;: votre nouvelle clé a été approuvée&#xa0;; passage à celle-ci.</translation>
    </message>
    <message>
        <source>Your key is already being replaced.</source>
        <translation>Votre clé est déjà en cours de remplacement.</translation>
    </message>
    <message>
        <source>Only an approved key can be replaced; register first.</source>
        <translation>Seule une clé approuvée peut être remplacée&#xa0;; inscrivez-vous d&apos;abord.</translation>
    </message>
    <message>
        <source>Making your new key and storing it in the keychain…</source>
        <translation>Création de votre nouvelle clé et enregistrement dans le trousseau…</translation>
    </message>
    <message>
        <source>Your key was not replaced: the request for your new key cannot be followed (%1). You keep using your current key.</source>
        <translation>Votre clé n&apos;a pas été remplacée&#xa0;: la demande pour votre nouvelle clé ne peut pas être suivie (%1). Vous continuez d&apos;utiliser votre clé actuelle.</translation>
    </message>
    <message>
        <source>Your key was not replaced: %1</source>
        <translation>Votre clé n&apos;a pas été remplacée&#xa0;: %1</translation>
    </message>
    <message>
        <source>Sending your new key to the hub…</source>
        <translation>Envoi de votre nouvelle clé au hub…</translation>
    </message>
    <message>
        <source>Your key was not replaced: %1 You keep using your current key.</source>
        <translation>Votre clé n&apos;a pas été remplacée&#xa0;: %1 Vous continuez d&apos;utiliser votre clé actuelle.</translation>
    </message>
    <message>
        <source>Your key was not replaced: the request for your new key was sent but cannot be followed, so it was withdrawn (%1).</source>
        <translation>Votre clé n&apos;a pas été remplacée&#xa0;: la demande pour votre nouvelle clé a été envoyée mais ne peut pas être suivie&#xa0;; elle a donc été retirée (%1).</translation>
    </message>
    <message>
        <source>Your new key was rejected. You keep using your current key.</source>
        <translation>Votre nouvelle clé a été refusée. Vous continuez d&apos;utiliser votre clé actuelle.</translation>
    </message>
    <message>
        <source>Your new key was rejected (reason given: &quot;%1&quot;). You keep using your current key.</source>
        <translation>Votre nouvelle clé a été refusée (motif indiqué&#xa0;: « %1 »). Vous continuez d&apos;utiliser votre clé actuelle.</translation>
    </message>
    <message>
        <source>The request for your new key was cancelled. You keep using your current key.</source>
        <translation>La demande pour votre nouvelle clé a été annulée. Vous continuez d&apos;utiliser votre clé actuelle.</translation>
    </message>
    <message>
        <source>Your new key was revoked before this computer switched to it. You keep using your current key.</source>
        <translation>Votre nouvelle clé a été révoquée avant que cet ordinateur ne passe à celle-ci. Vous continuez d&apos;utiliser votre clé actuelle.</translation>
    </message>
    <message>
        <source>Cannot check on your new key right now: %1</source>
        <translation>Impossible de vérifier votre nouvelle clé pour le moment&#xa0;: %1</translation>
    </message>
    <message>
        <source>Withdrawing your new key…</source>
        <translation>Retrait de votre nouvelle clé…</translation>
    </message>
    <message>
        <source>You withdrew your new key. You keep using your current key.</source>
        <translation>Vous avez retiré votre nouvelle clé. Vous continuez d&apos;utiliser votre clé actuelle.</translation>
    </message>
    <message>
        <source>Your new key was approved; switching to it…</source>
        <translation>Votre nouvelle clé a été approuvée&#xa0;; passage à celle-ci…</translation>
    </message>
    <message>
        <source>Cannot switch yet: %1 Trying again when you click Check now or restart.</source>
        <translation>Passage impossible pour l&apos;instant&#xa0;: %1 Nouvel essai lorsque vous cliquez sur « Vérifier maintenant » ou au redémarrage.</translation>
    </message>
    <message>
        <source>Your key was replaced on %1. The old key was deleted from this computer and the hub no longer accepts it.</source>
        <translation>Votre clé a été remplacée le %1. L&apos;ancienne clé a été supprimée de cet ordinateur et le hub ne l&apos;accepte plus.</translation>
    </message>
</context>
<context>
    <name>fvpn::KeychainWords</name>
    <message>
        <source>Factory VPN cannot reach your keychain because it is not running in a desktop session. Start it from your desktop&apos;s menu (not over SSH or from a plain console).</source>
        <translation>Factory VPN ne peut pas joindre votre trousseau, car il ne tourne pas dans une session de bureau. Lancez-le depuis le menu de votre bureau (pas par SSH ni depuis une simple console).</translation>
    </message>
    <message>
        <source>This computer has no keychain service running (such as GNOME Keyring or KWallet). Install one — on Debian or Ubuntu: sudo apt install gnome-keyring — log out and back in, then click Try again.</source>
        <translation>Aucun service de trousseau ne tourne sur cet ordinateur (comme GNOME Keyring ou KWallet). Installez-en un — sous Debian ou Ubuntu&#xa0;: sudo apt install gnome-keyring —, déconnectez-vous puis reconnectez-vous, puis cliquez sur «&#xa0;Réessayer&#xa0;».</translation>
    </message>
    <message>
        <source>Your keychain has no keyring yet, and the window asking for a password for a new one was closed. Click Try again and choose a password: it protects your VPN key on this computer.</source>
        <translation>Votre trousseau n&apos;existe pas encore, et la fenêtre demandant un mot de passe pour en créer un a été fermée. Cliquez sur «&#xa0;Réessayer&#xa0;» et choisissez un mot de passe&#xa0;: il protège votre clé VPN sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Your keychain is locked, and the window asking to unlock it was closed. Click Try again and unlock it with its password (usually your login password).</source>
        <translation>Votre trousseau est verrouillé, et la fenêtre pour le déverrouiller a été fermée. Cliquez sur «&#xa0;Réessayer&#xa0;» et déverrouillez-le avec son mot de passe (en général celui de votre session).</translation>
    </message>
    <message>
        <source>Access to your keychain was refused. Click Try again and allow Factory VPN to use it.</source>
        <translation>L&apos;accès à votre trousseau a été refusé. Cliquez sur «&#xa0;Réessayer&#xa0;» et autorisez Factory VPN à l&apos;utiliser.</translation>
    </message>
    <message>
        <source>Your keychain reported an error. Click Try again; if it happens again, the app&apos;s log has the details.</source>
        <translation>Votre trousseau a signalé une erreur. Cliquez sur «&#xa0;Réessayer&#xa0;»&#xa0;; si cela se reproduit, le journal de l&apos;application donne les détails.</translation>
    </message>
</context>
<context>
    <name>fvpn::MainWindow</name>
    <message>
        <source>Factory VPN</source>
        <translation>Factory VPN</translation>
    </message>
</context>
<context>
    <name>fvpn::MessageBar</name>
    <message>
        <source>Close this message</source>
        <translation>Fermer ce message</translation>
    </message>
    <message>
        <source> (×%1)</source>
        <translation> (×%1)</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… et %n autre</numerusform>
            <numerusform>… et %n autres</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fvpn::NetworkManagerBackend</name>
    <message>
        <source>NetworkManager could not activate the tunnel</source>
        <translation>NetworkManager n&apos;a pas pu activer le tunnel</translation>
    </message>
    <message>
        <source>NetworkManager could not save the tunnel profile</source>
        <translation>NetworkManager n&apos;a pas pu enregistrer le profil du tunnel</translation>
    </message>
    <message>
        <source>NetworkManager could not disconnect the tunnel</source>
        <translation>NetworkManager n&apos;a pas pu déconnecter le tunnel</translation>
    </message>
    <message>
        <source>The tunnel backend was replaced while the tunnel was connecting.</source>
        <translation>Le moteur du tunnel a été remplacé pendant l&apos;établissement du tunnel.</translation>
    </message>
    <message>
        <source>NetworkManager over the system D-Bus: profile &quot;%1&quot; (%2) on interface %3, the key given by the app&apos;s secret agent only while it connects; status read with wg, run %4</source>
        <translation>NetworkManager via le D-Bus système&#xa0;: profil « %1 » (%2) sur l&apos;interface %3, la clé fournie par l&apos;agent de secrets de l&apos;application uniquement pendant la connexion&#xa0;; état lu avec wg, exécuté %4</translation>
    </message>
    <message>
        <source>The tunnel is already being connected.</source>
        <translation>Le tunnel est déjà en cours de connexion.</translation>
    </message>
    <message>
        <source>The tunnel has no private key.</source>
        <translation>Le tunnel n&apos;a pas de clé privée.</translation>
    </message>
</context>
<context>
    <name>fvpn::NewInviteForm</name>
    <message>
        <source>New invite</source>
        <translation>Nouvelle invitation</translation>
    </message>
    <message>
        <source>Approve registrations at once</source>
        <translation>Approuver les inscriptions immédiatement</translation>
    </message>
    <message>
        <source>Create invite</source>
        <translation>Créer l’invitation</translation>
    </message>
    <message>
        <source>How many engineers can register with this invite</source>
        <translation>Nombre de techniciens pouvant s’inscrire avec cette invitation</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> heures</translation>
    </message>
    <message>
        <source>never expires</source>
        <translation>n’expire jamais</translation>
    </message>
    <message>
        <source>0 hours: the invite never expires</source>
        <translation>0 heure : l’invitation n’expire jamais</translation>
    </message>
    <message>
        <source>Anyone who has this link joins the VPN without an admin looking at the request, until the invite is used up, expires or is revoked.</source>
        <translation>Toute personne disposant de ce lien rejoint le VPN sans qu’un administrateur examine la demande, jusqu’à ce que l’invitation soit épuisée, expire ou soit révoquée.</translation>
    </message>
    <message>
        <source>For whom or why, e.g. night shift (optional)</source>
        <translation>Pour qui ou pourquoi, p. ex. équipe de nuit (facultatif)</translation>
    </message>
    <message>
        <source>Uses:</source>
        <translation>Utilisations :</translation>
    </message>
    <message>
        <source>Valid for:</source>
        <translation>Valable :</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Note :</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Note : %1</translation>
    </message>
    <message>
        <source>The new invite&apos;s link. Copy it now: it will not be shown again.</source>
        <translation>Le lien de la nouvelle invitation. Copiez-le maintenant : il ne sera plus affiché.</translation>
    </message>
    <message>
        <source>The hub has no public URL for a link, so here is the invite code. Copy it now: it will not be shown again.</source>
        <translation>Le hub n’a pas d’URL publique pour un lien ; voici donc le code d’invitation. Copiez-le maintenant : il ne sera plus affiché.</translation>
    </message>
</context>
<context>
    <name>fvpn::ProfileForm</name>
    <message>
        <source>Save and connect</source>
        <translation>Enregistrer et se connecter</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Connect to a hub&apos;s admin API</source>
        <translation>Se connecter à l&apos;API d&apos;administration d&apos;un hub</translation>
    </message>
    <message>
        <source>The hub&apos;s admin API listens on its VPN address, port 8444 (plain HTTP inside the tunnel), so connect to the VPN first. Get a token on the hub with &apos;factory-vpn-hub token create --name &lt;you&gt;&apos;. The token is kept in this computer&apos;s keychain, never in a file. A certificate pin is only needed for an https:// URL with a certificate of the hub&apos;s own.</source>
        <translation>L&apos;API d&apos;administration du hub écoute sur son adresse VPN, port 8444 (HTTP simple dans le tunnel)&#xa0;; connectez-vous donc d&apos;abord au VPN. Obtenez un jeton sur le hub avec « factory-vpn-hub token create --name &lt;vous&gt; ». Le jeton est conservé dans le trousseau de cet ordinateur, jamais dans un fichier. Un épinglage de certificat n&apos;est nécessaire que pour une URL https:// avec un certificat propre au hub.</translation>
    </message>
    <message>
        <source>Plant 2 hub</source>
        <translation>Hub usine 2</translation>
    </message>
    <message>
        <source>http://10.42.42.1:8444</source>
        <translation>http://10.42.42.1:8444</translation>
    </message>
    <message>
        <source>admin token</source>
        <translation>jeton d&apos;administration</translation>
    </message>
    <message>
        <source>optional: SHA-256 fingerprint of the hub&apos;s certificate</source>
        <translation>facultatif&#xa0;: empreinte SHA-256 du certificat du hub</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nom&#xa0;:</translation>
    </message>
    <message>
        <source>Admin URL:</source>
        <translation>URL d&apos;administration&#xa0;:</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>Jeton&#xa0;:</translation>
    </message>
    <message>
        <source>Certificate pin:</source>
        <translation>Certificat épinglé&#xa0;:</translation>
    </message>
    <message>
        <source>leave empty to keep the stored token</source>
        <translation>laisser vide pour garder le jeton enregistré</translation>
    </message>
</context>
<context>
    <name>fvpn::QrCode</name>
    <message>
        <source>The configuration is too long for a QR code.</source>
        <translation>La configuration est trop longue pour un code QR.</translation>
    </message>
</context>
<context>
    <name>fvpn::QuitGuard</name>
    <message>
        <source>Quit Factory VPN</source>
        <translation>Quitter Factory VPN</translation>
    </message>
    <message>
        <source>The VPN tunnel is up. Disconnect it before quitting?</source>
        <translation>Le tunnel VPN est actif. Le déconnecter avant de quitter&#xa0;?</translation>
    </message>
    <message>
        <source>Yes disconnects and quits. No quits and leaves the tunnel up; it then runs without the app showing its state.</source>
        <translation>« Oui » déconnecte et quitte. « Non » quitte en laissant le tunnel actif&#xa0;; il fonctionne alors sans que l&apos;application affiche son état.</translation>
    </message>
</context>
<context>
    <name>fvpn::RegistrationStatus</name>
    <message>
        <source>Waiting for an administrator to approve your request.</source>
        <translation>Votre demande attend l&apos;approbation d&apos;un administrateur.</translation>
    </message>
    <message>
        <source>Your request was approved.</source>
        <translation>Votre demande a été approuvée.</translation>
    </message>
    <message>
        <source>Your request was rejected.</source>
        <translation>Votre demande a été refusée.</translation>
    </message>
    <message>
        <source>Your access was revoked.</source>
        <translation>Votre accès a été révoqué.</translation>
    </message>
    <message>
        <source>Your request was cancelled.</source>
        <translation>Votre demande a été annulée.</translation>
    </message>
</context>
<context>
    <name>fvpn::RequestsModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Host name</source>
        <translation>Nom d&apos;hôte</translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation>Système d&apos;exploitation</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <source>Sent from</source>
        <translation>Envoyé depuis</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Demandé</translation>
    </message>
</context>
<context>
    <name>fvpn::ToolRunner</name>
    <message>
        <source>directly, as root</source>
        <translation>directement, en root</translation>
    </message>
    <message>
        <source>directly</source>
        <translation>directement</translation>
    </message>
    <message>
        <source>through %1 and the helpers in %2</source>
        <translation>via %1 et les utilitaires de %2</translation>
    </message>
    <message>
        <source>through &apos;%1&apos;</source>
        <translation>via « %1 »</translation>
    </message>
</context>
<context>
    <name>fvpn::TrayIcon</name>
    <message>
        <source>Connect</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>Open Factory VPN</source>
        <translation>Ouvrir Factory VPN</translation>
    </message>
    <message>
        <source>Copy my VPN address</source>
        <translation>Copier mon adresse VPN</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Factory VPN</source>
        <translation>Factory VPN</translation>
    </message>
    <message>
        <source>Your request was approved. You can connect now.</source>
        <translation>Votre demande a été approuvée. Vous pouvez vous connecter.</translation>
    </message>
    <message>
        <source>Factory VPN: %1</source>
        <translation>Factory VPN&#xa0;: %1</translation>
    </message>
    <message>
        <source>Your address: %1</source>
        <translation>Votre adresse&#xa0;: %1</translation>
    </message>
    <message>
        <source>Last handshake: %1</source>
        <translation>Dernier handshake&#xa0;: %1</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Motif&#xa0;: %1</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Se déconnecter</translation>
    </message>
</context>
<context>
    <name>fvpn::TunnelController</name>
    <message>
        <source>There is no approved tunnel to connect yet.</source>
        <translation>Il n&apos;y a pas encore de tunnel approuvé à connecter.</translation>
    </message>
</context>
<context>
    <name>fvpn::TunnelPage</name>
    <message>
        <source>Replace my key…</source>
        <translation>Remplacer ma clé…</translation>
    </message>
    <message>
        <source>Withdraw the new key</source>
        <translation>Retirer la nouvelle clé</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatique</translation>
    </message>
    <message>
        <source>wg-quick</source>
        <translation>wg-quick</translation>
    </message>
    <message>
        <source>NetworkManager</source>
        <translation>NetworkManager</translation>
    </message>
    <message>
        <source>Diagnostics…</source>
        <translation>Diagnostic…</translation>
    </message>
    <message>
        <source>Export for the WireGuard app…</source>
        <translation>Exporter pour l&apos;application WireGuard…</translation>
    </message>
    <message>
        <source>Start over</source>
        <translation>Recommencer</translation>
    </message>
    <message>
        <source>Your VPN address:</source>
        <translation>Votre adresse VPN&#xa0;:</translation>
    </message>
    <message>
        <source>Hub:</source>
        <translation>Hub&#xa0;:</translation>
    </message>
    <message>
        <source>Hub seen at:</source>
        <translation>Hub vu à&#xa0;:</translation>
    </message>
    <message>
        <source>Last handshake:</source>
        <translation>Dernier handshake&#xa0;:</translation>
    </message>
    <message>
        <source>Transfer:</source>
        <translation>Transfert&#xa0;:</translation>
    </message>
    <message>
        <source>Tunnel backend:</source>
        <translation>Moteur du tunnel&#xa0;:</translation>
    </message>
    <message>
        <source>Factory devices you can reach</source>
        <translation>Appareils de l&apos;usine que vous pouvez joindre</translation>
    </message>
    <message>
        <source>Withdraw the request for your new key? Your current key stays in use.</source>
        <translation>Retirer la demande pour votre nouvelle clé&#xa0;? Votre clé actuelle reste utilisée.</translation>
    </message>
    <message>
        <source>Forget this approval? You will have to register again and wait for an administrator.</source>
        <translation>Oublier cette approbation&#xa0;? Vous devrez vous inscrire à nouveau et attendre un administrateur.</translation>
    </message>
    <message>
        <source>Replace my key</source>
        <translation>Remplacer ma clé</translation>
    </message>
    <message>
        <source>Make a new key and ask the hub to approve it?

Your current key and connection keep working until an administrator approves the new key. Then this computer switches to it, the old key is deleted from the keychain and the hub no longer accepts it. If the new key is rejected, nothing changes.</source>
        <translation>Créer une nouvelle clé et demander au hub de l&apos;approuver&#xa0;?

Votre clé et votre connexion actuelles continuent de fonctionner jusqu&apos;à ce qu&apos;un administrateur approuve la nouvelle clé. Cet ordinateur passe alors à la nouvelle clé, l&apos;ancienne est supprimée du trousseau et le hub ne l&apos;accepte plus. Si la nouvelle clé est refusée, rien ne change.</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>Se &amp;déconnecter</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>Se &amp;connecter</translation>
    </message>
    <message>
        <source>%1 (VPN address %2)</source>
        <translation>%1 (adresse VPN %2)</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>non indiquée</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 received, %2 sent</source>
        <translation>%1 reçus, %2 envoyés</translation>
    </message>
</context>
<context>
    <name>fvpn::TunnelStatus</name>
    <message>
        <source>Disconnected</source>
        <translation>Déconnecté</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>Connexion en cours</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Connecté</translation>
    </message>
    <message>
        <source>No recent handshake</source>
        <translation>Pas de handshake récent</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Bringing the tunnel up…</source>
        <translation>Établissement du tunnel…</translation>
    </message>
    <message>
        <source>The tunnel interface exists but does not lead to the hub; disconnect and connect again.</source>
        <translation>L&apos;interface du tunnel existe mais ne mène pas au hub&#xa0;; déconnectez-vous puis reconnectez-vous.</translation>
    </message>
    <message>
        <source>Last handshake %1.</source>
        <translation>Dernier handshake %1.</translation>
    </message>
    <message>
        <source>Waiting for the hub to answer…</source>
        <translation>En attente de la réponse du hub…</translation>
    </message>
    <message>
        <source>the hub</source>
        <translation>le hub</translation>
    </message>
    <message>
        <source>The hub has not answered yet. UDP to %1 may be blocked by a firewall, or the hub does not know your key.</source>
        <translation>Le hub n&apos;a pas encore répondu. Un pare-feu bloque peut-être l&apos;UDP vers %1, ou le hub ne connaît pas votre clé.</translation>
    </message>
    <message>
        <source>The last handshake with the hub was %1. UDP to %2 may be blocked, or the hub is down.</source>
        <translation>Le dernier handshake avec le hub date de %1. L&apos;UDP vers %2 est peut-être bloqué, ou le hub est arrêté.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>il y a %n s</numerusform>
            <numerusform>il y a %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>il y a %n min</numerusform>
            <numerusform>il y a %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>il y a %n h</numerusform>
            <numerusform>il y a %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days ago</source>
        <translation>
            <numerusform>il y a %n jour</numerusform>
            <numerusform>il y a %n jours</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fvpn::WgQuickBackend</name>
    <message>
        <source>wg-quick on interface %1, run %2</source>
        <translation>wg-quick sur l&apos;interface %1, exécuté %2</translation>
    </message>
    <message>
        <source>XDG_RUNTIME_DIR is not set, so there is no private memory-backed folder for the tunnel configuration; log in through a desktop session.</source>
        <translation>XDG_RUNTIME_DIR n&apos;est pas défini&#xa0;; il n&apos;y a donc pas de dossier privé en mémoire pour la configuration du tunnel. Connectez-vous via une session de bureau.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Impossible de créer le dossier %1.</translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation>%1 n&apos;est pas un dossier.</translation>
    </message>
    <message>
        <source>%1 is readable by others or not owned by you; refusing to put the VPN key there.</source>
        <translation>%1 est lisible par d&apos;autres ou ne vous appartient pas&#xa0;; la clé VPN n&apos;y sera pas placée.</translation>
    </message>
    <message>
        <source>The tunnel has no private key.</source>
        <translation>Le tunnel n&apos;a pas de clé privée.</translation>
    </message>
    <message>
        <source>Permission to change the network was not given (%1).</source>
        <translation>L&apos;autorisation de modifier le réseau n&apos;a pas été accordée (%1).</translation>
    </message>
    <message>
        <source>wg-quick %1 %2 failed: %3</source>
        <translation>wg-quick %1 %2 a échoué&#xa0;: %3</translation>
    </message>
</context>
<context>
    <name>fvpn::WgStatusReader</name>
    <message>
        <source>Cannot read the state of %1: %2</source>
        <translation>Impossible de lire l&apos;état de %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>fvpn::main</name>
    <message>
        <source>&amp;VPN access</source>
        <translation>Accès &amp;VPN</translation>
    </message>
</context>
</TS>
