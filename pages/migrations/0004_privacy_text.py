"""The privacy page says which personal data the site keeps, why and for how long: staff
accounts, failed logins, access requests, unsent e-mails; no tracking, no third parties, no
cookies for visitors. A text the secretariat has already edited is left alone."""

from importlib import import_module

from django.db import migrations

ORIGINAL = {
    slug: (body, body_en)
    for slug, _title, body, _title_en, body_en in import_module(
        "pages.migrations.0002_pages_and_secretariat_group"
    ).PAGES
}["privatliv"]

BODY = """Du kan bruge siden uden at blive registreret. Når du ser og søger i arrangementerne, abonnerer på en kalender eller ser listen indlejret på en kommunes hjemmeside, sætter siden ingen cookies og gemmer intet om dig. Vi bruger ingen værktøjer til statistik eller reklame, og vi følger dig ikke fra side til side.

Siden henter intet fra andre hjemmesider: tekst, billeder, skrifttyper og scripts kommer alle fra siden selv, så din browser kun taler med os. Links til for eksempel billetsalg, kort og stedernes egne hjemmesider fører dig videre til andre sider, hvor deres egne regler gælder.

Cookies. Siden bruger kun to cookies, og kun når du logger ind eller åbner en formular (login, ny adgangskode, ansøgning om adgang): en sessionscookie, der holder dig logget ind, og som slettes, når du logger ud, og ellers udløber efter to uger; og en sikkerhedscookie, der beskytter formularerne mod forfalskede indsendelser. Den indeholder kun et tilfældigt tal og udløber efter et år. Begge er nødvendige for det, du selv beder om, og bruges ikke til andet.

Konti for medarbejdere på stederne og i sekretariatet. Vi gemmer dit navn, din e-mailadresse og dit brugernavn, din adgangskode (kun i krypteret form, så ingen kan læse den), hvilke steder du kan lægge arrangementer ind for, hvornår du sidst loggede ind, og hvilke arrangementer du har indsendt eller godkendt. Oplysningerne bruges til at give dig adgang, til at sende dig besked om dine arrangementer og til at sekretariatet kan se, hvem der har lagt hvad ind. De gemmes, så længe du har en konto. Skal du ikke længere bruge den, så skriv til sekretariatet, som lukker eller sletter den.

Mislykkede login. For at beskytte kontoerne mod gæt på adgangskoder registrerer siden mislykkede loginforsøg: det brugernavn, der blev skrevet, IP-adressen, browserens navn og tidspunktet (aldrig den adgangskode, der blev prøvet). Efter fem forkerte forsøg på samme brugernavn fra samme adresse låses det fra den adresse i 15 minutter. Registreringerne slettes, når der bliver logget ind med den rigtige adgangskode, og ellers ved næste login på siden, når de er mere end 15 minutter gamle. Vellykkede login registreres ikke ud over tidspunktet for dit seneste login.

Ansøgninger om adgang. Beder du om adgang til at lægge arrangementer ind, gemmer vi dit navn, din e-mailadresse, stedet (eller navn, adresse og kommune for et nyt sted), din besked og tidspunktet, og senere hvem i sekretariatet der har behandlet ansøgningen og hvornår. Sekretariatet får ansøgningen på e-mail. For at begrænse misbrug tæller siden ansøgninger fra hver IP-adresse i en time. IP-adressen gemmes kun i den midlertidige tæller, som slettes efter en time, og ikke sammen med ansøgningen. Ansøgningen gemmes, til sekretariatet sletter den; skriv, hvis du vil have din slettet.

E-mails. Siden sender e-mails om invitationer, nye adgangskoder, indsendte og behandlede arrangementer og ansøgninger om adgang. Tager mailserveren ikke imod en e-mail, gemmes den med modtager, emne og tekst, så sekretariatet kan se den og sende den igen, og intet går tabt. En e-mail, der siden er sendt, slettes efter 30 dage.

Dataansvarlig. Ishøj Kommune er sekretariat for Kulturmetropolen og dataansvarlig for oplysningerne på siden. Oplysningerne behandles for at løse kommunernes fælles opgave med at formidle kulturtilbud (databeskyttelsesforordningens artikel 6, stk. 1, litra e) og bliver ikke givet videre til andre.

Dine rettigheder. Du har ret til at få at vide, hvilke oplysninger vi har om dig, og til at få dem rettet eller slettet. Du kan også bede os om at begrænse brugen af dem, gøre indsigelse mod den og få dine oplysninger udleveret. Skriv til sekretariatet for Kulturmetropolen i Ishøj Kommune på kulturmetropolen@ishoj.dk. Du kan også kontakte Ishøj Kommunes databeskyttelsesrådgiver via ishoj.dk.

Er du utilfreds med, hvordan vi behandler dine oplysninger, kan du klage til Datatilsynet: https://www.datatilsynet.dk/"""

BODY_EN = """You can use this site without registering. When you browse and search the events, subscribe to a calendar or see the list embedded on a municipality's website, the site sets no cookies and keeps nothing about you. We use no statistics or advertising tools, and we do not follow you from page to page.

The site loads nothing from other websites: text, images, fonts and scripts all come from the site itself, so your browser only talks to us. Links to, for example, ticket sales, maps and the venues' own websites take you on to other sites, where their own rules apply.

Cookies. The site uses only two cookies, and only when you log in or open a form (login, new password, access request): a session cookie that keeps you logged in, deleted when you log out and otherwise expiring after two weeks; and a security cookie that protects the forms against forged submissions. It holds only a random number and expires after a year. Both are needed for what you yourself ask for and are used for nothing else.

Accounts of venue staff and the secretariat. We keep your name, e-mail address and user name, your password (encrypted only, so that nobody can read it), the venues you may submit events for, when you last logged in, and which events you have submitted or approved. The data is used to give you access, to tell you about your events and to let the secretariat see who entered what. It is kept as long as you have an account. When you no longer need it, write to the secretariat, who will close or delete it.

Failed logins. To protect the accounts against guessed passwords, the site records failed login attempts: the user name typed, the IP address, the browser's name and the time (never the password tried). After five wrong attempts at one user name from one address, that user name is locked from that address for 15 minutes. The records are deleted when someone logs in with the right password, and otherwise at the next login on the site once they are more than 15 minutes old. Successful logins are not recorded beyond the time of your latest login.

Access requests. When you ask for access to submit events, we keep your name, e-mail address, the venue (or the name, address and municipality of a new venue), your message and the time, and later who in the secretariat handled the request and when. The secretariat gets the request by e-mail. To limit abuse the site counts requests from each IP address for an hour. The IP address is kept only in that temporary counter, deleted after an hour, and never with the request. The request is kept until the secretariat deletes it; write to us if you want yours deleted.

E-mails. The site sends e-mails about invitations, new passwords, submitted and reviewed events and access requests. If the mail server does not accept an e-mail, it is kept with its recipient, subject and text, so that the secretariat can see it and send it again and nothing is lost. An e-mail that has since been sent is deleted after 30 days.

Data controller. Ishøj Kommune is the secretariat of Kulturmetropolen and the data controller for the data on this site. The data is processed to carry out the municipalities' joint task of presenting cultural events (Article 6(1)(e) of the General Data Protection Regulation) and is not passed on to anyone else.

Your rights. You have the right to know which data we hold about you and to have it corrected or deleted. You can also ask us to restrict its use, object to it, and receive your data. Write to the Kulturmetropolen secretariat in Ishøj Kommune at kulturmetropolen@ishoj.dk. You can also contact Ishøj Kommune's data protection officer via ishoj.dk.

If you are unhappy with how we handle your data, you can complain to the Danish Data Protection Agency (Datatilsynet): https://www.datatilsynet.dk/"""


def update(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    original_body, original_body_en = ORIGINAL
    page = Page.objects.filter(slug="privatliv").first()
    if page is None:
        return
    fields = []
    if page.body == original_body:
        page.body = BODY
        fields.append("body")
    if page.body_en == original_body_en:
        page.body_en = BODY_EN
        fields.append("body_en")
    if fields:
        page.save(update_fields=fields)


def restore(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    original_body, original_body_en = ORIGINAL
    Page.objects.filter(slug="privatliv", body=BODY).update(body=original_body)
    Page.objects.filter(slug="privatliv", body_en=BODY_EN).update(body_en=original_body_en)


class Migration(migrations.Migration):
    replaces = [("kulturmetropolen", "0005_privacy_text")]
    dependencies = [
        ("pages", "0003_accessibility_statement_contact"),
        ("core", "0001_initial"),
    ]
    operations = [migrations.RunPython(update, restore)]
