"""Everyone in the demo. All names, roles and organisations are made up."""

from __future__ import annotations

from mobilise.demo.spec import Person

CONVENOR = "convenor"
FACILITATOR = "priya.raman"

PEOPLE: tuple[Person, ...] = (
    # Shared across programmes: the demo sign-in, and a link associate who supports all three.
    Person(CONVENOR, "Alex Morgan", "Programme lead, integrated care"),
    Person(FACILITATOR, "Priya Raman", "Improvement facilitator (link associate)"),
    # Integrated neighbourhood teams, Hebburn and Jarrow.
    Person("denise.carr", "Denise Carr", "Head of adult social care"),
    Person("farah.siddiqui", "Dr Farah Siddiqui", "GP partner"),
    Person("joanne.reay", "Joanne Reay", "Community matron"),
    Person("mick.hetherington", "Mick Hetherington", "Team manager, adult social care"),
    Person("lesley.brannigan", "Lesley Brannigan", "Care co-ordinator, Hebburn neighbourhood team"),
    Person("carol.dunn", "Carol Dunn", "Volunteer co-ordinator"),
    Person("ian.pratt", "Ian Pratt", "Public health intelligence analyst"),
    Person("gordon.bell", "Gordon Bell", "Healthwatch volunteer and carer"),
    Person("maureen.tait", "Cllr Maureen Tait", "Cabinet member for adult social care"),
    # Five-year maternity vision, six boroughs.
    Person("helen.osei", "Helen Osei", "Director of midwifery"),
    Person("rebecca.lowe", "Dr Rebecca Lowe", "Consultant obstetrician"),
    Person("sinead.maguire", "Sinéad Maguire", "Senior commissioning manager, maternity and children"),
    Person("amira.haddad", "Amira Haddad", "Chair, maternity voices partnership"),
    Person("kemi.adeyemi", "Kemi Adeyemi", "Community doula lead"),
    Person("tom.whitfield", "Dr Tom Whitfield", "Consultant in public health"),
    Person("tanya.brooks", "Tanya Brooks", "Engagement officer, Healthwatch"),
    Person("martin.cole", "Martin Cole", "Non-executive director"),
    # Safer care in 13 early-adopter practices.
    Person("owen.pryce", "Dr Owen Pryce", "GP partner and federation safety lead"),
    Person("lorraine.fisher", "Lorraine Fisher", "Practice manager"),
    Person("nadia.rahman", "Nadia Rahman", "Practice nurse"),
    Person("becky.tucker", "Becky Tucker", "Care navigator (reception team lead)"),
    Person("derek.stone", "Derek Stone", "Chair, patient participation group"),
    Person("anil.mehta", "Anil Mehta", "Primary care quality manager"),
    Person("sarah.whitlock", "Dr Sarah Whitlock", "Clinical chair, primary care committee"),
)

BY_KEY: dict[str, Person] = {p.key: p for p in PEOPLE}
