"""Pair classification rules on hand-built Spanish claims (no model: similarities are given or faked)."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from verify.compare import compare_texts
from verify.embed import FakeEncoder
from verify.errors import InputError
from verify.match import MATCHER_VERSION, PairVerdict, claim_features, classify, classify_many
from verify.match.contests import contests
from verify.match.figures import is_rank, parse_number, unit_word, written_step
from verify.match.frame import strip_frame
from verify.match.restate import denied_statement, with_figure
from verify.match.rules import _figure_conflict, _in_base, evidence
from verify.match.text import ClaimFeatures, features
from verify.records import Claim, Entity, Polarity, Relation


def claim(text: str, **kw) -> Claim:
    return Claim(article_id=kw.pop("article_id", "art"), text=text, start=0, end=len(text), checkworthiness=0.9, **kw)


# ---------------------------------------------------------------------------------------------- relations


def test_denial_of_the_same_proposition_contradicts():
    a = claim("El Gobierno de Chile subsidia el transporte público de Santiago.")
    b = claim("El Gobierno de Chile no subsidia el transporte público de Santiago.")
    verdict = classify(a, b, similarity=0.95)
    assert verdict.relation == Relation.CONTRADICTS
    assert "denies" in verdict.reason and "Santiago" in verdict.reason


def test_reason_names_sides_speakers_and_shared_entities():
    a = claim(
        "La ministra negó que la empresa vendiera armas a Venezuela.",
        speaker="Margarita Robles", side="Gobierno de España", cue="negó", polarity=Polarity.DENIES,
        entities=(Entity("Venezuela", "Venezuela", "LOC"),),
    )
    b = claim(
        "La empresa vendió armas a Venezuela en 2023, según la oposición.",
        speaker="Cuca Gamarra", side="Partido Popular", cue="afirmó",
        entities=(Entity("Venezuela", "Venezuela", "LOC"),),
    )
    verdict = classify(a, b, similarity=0.9)
    assert verdict.relation == Relation.CONTRADICTS
    assert "Gobierno de España (Margarita Robles) denies what Partido Popular (Cuca Gamarra) asserts" in verdict.reason
    assert "Venezuela" in verdict.reason and "armas" in verdict.reason
    assert "similarity 0.90" in verdict.reason


def test_no_evidence_against_the_event_contradicts():
    a = claim("No hay pruebas de que el alcalde cobrara comisiones de la constructora.")
    b = claim("El alcalde cobró comisiones de la constructora durante tres años, según la fiscalía.")
    assert classify(a, b, similarity=0.9).relation == Relation.CONTRADICTS


def test_two_denials_of_the_same_thing_agree():
    a = claim("El club negó que el entrenador vaya a dimitir.")
    b = claim("El entrenador no va a dimitir, aseguró el presidente del club.")
    assert classify(a, b, similarity=0.92).relation != Relation.CONTRADICTS


def test_conflicting_figures_for_the_same_quantity_contradict():
    a = claim("Unas 5.000 personas asistieron al concierto en Valencia.")
    b = claim("Más de 50.000 personas asistieron al concierto en Valencia.")
    verdict = classify(a, b, similarity=0.96)
    assert verdict.relation == Relation.CONTRADICTS
    assert "5.000" in verdict.reason and "50.000" in verdict.reason


def test_compatible_figures_do_not_contradict():
    a = claim("Más de 1.000 soldados participaron en las maniobras.")
    b = claim("Unos 1.200 soldados participaron en las maniobras.")
    assert classify(a, b, similarity=0.95).relation != Relation.CONTRADICTS


def test_millions_are_read_as_spanish_figures():
    a = claim("La deuda del club alcanza 1,5 millones de euros.")
    b = claim("La deuda del club alcanza 150.000 euros.")
    verdict = classify(a, b, similarity=0.95)
    assert verdict.relation == Relation.CONTRADICTS
    assert "1,5" in verdict.reason


def test_opposite_directions_contradict_and_negated_opposites_do_not():
    up = claim("El precio del aceite de oliva subió en junio.")
    down = claim("El precio del aceite de oliva bajó en junio.")
    verdict = classify(up, down, similarity=0.95)
    assert verdict.relation == Relation.CONTRADICTS
    assert "subió" in verdict.reason and "bajó" in verdict.reason
    not_down = claim("El precio del aceite de oliva no bajó en junio.")
    assert classify(up, not_down, similarity=0.95).relation != Relation.CONTRADICTS



@pytest.mark.parametrize("up, down", [
    # a subject and a year: the year is no content word, but both give it (rules-10 read this one as
    # "supports, 100 % of words shared", the opposite verbs left out of what it compared)
    ("El paro subió en 2023.", "El paro bajó en 2023."),
    # "ventas" is in the antonym table (compra / venta) yet both claims use it: it is their topic
    ("Las ventas crecieron este año.", "Las ventas cayeron este año."),
    # irregular present forms the stemmer does not bring to the lemma's stem, and opposite positions
    ("El paro sube en agosto.", "El paro desciende en agosto."),
    ("La tasa de paro está por encima del 10 % en Euskadi.", "La tasa de paro está por debajo del 10 % en Euskadi."),
    ("La Audiencia confirma la absolución del alcalde.", "La Audiencia revoca la absolución del alcalde."),
    ("El tribunal condena al alcalde por prevaricación.", "El tribunal absuelve al alcalde por prevaricación."),
    ("La central nuclear enciende su segundo reactor.", "La central nuclear apaga su segundo reactor."),
    ("El rehén sobrevive al ataque del comando.", "El rehén muere en el ataque del comando."),
    # a direction written as a phrase of prepositions
    ("Vox votó a favor de la ley de vivienda en el pleno.", "Vox votó en contra de la ley de vivienda en el pleno."),
    ("El Supremo admitió a trámite la querella contra el alcalde.",
     "El Supremo inadmitió la querella contra el alcalde."),
    # rules-40: a market's words for its moves, a mood, a course kept or broken off, first or last
    ("Las acciones de Iberdrola avanzaron un 2 % en la sesión del jueves.",
     "Las acciones de Iberdrola cedieron un 2 % en la sesión del jueves."),
    ("El peso mexicano se fortaleció frente al dólar este martes.",
     "El peso mexicano se debilitó frente al dólar este martes."),
    ("La patronal se declaró satisfecha con el acuerdo salarial.",
     "La patronal se declaró decepcionada con el acuerdo salarial."),
    ("El alcalde continuó su viaje oficial a Bruselas pese a la crisis.",
     "El alcalde interrumpió su viaje oficial a Bruselas por la crisis."),
    ("Galicia lidera la inversión en energía eólica de España.",
     "Galicia está a la cola de la inversión en energía eólica de España."),
    # rules-41: "ganar" is a market's rise too, and vetoing is the opposite of backing
    ("Las acciones de Repsol ganaron 30 céntimos en la sesión del lunes.",
     "Las acciones de Repsol cayeron 30 céntimos en la sesión del lunes."),
    ("Francia y Alemania respaldan la propuesta de la Comisión sobre el gas.",
     "Francia y Alemania vetan la propuesta de la Comisión sobre el gas."),
    # rules-43: revealing and withholding, deploying and withdrawing, advocate and critic
    ("El tribunal ordenó al Gobierno revelar los nombres de los detenidos.",
     "El tribunal permitió al Gobierno ocultar los nombres de los detenidos."),
    ("Rusia despliega tropas en la frontera con Ucrania.", "Rusia retira tropas de la frontera con Ucrania."),
    ("El exministro se ha convertido en defensor de la reforma fiscal.",
     "El exministro se ha convertido en crítico de la reforma fiscal."),
    # rules-44: resuming against suspending, widening against limiting, right against wrong, accepting
    # against giving up
    ("China reanudará las conversaciones sobre inversiones con Estados Unidos.",
     "China suspende las conversaciones sobre inversiones con Estados Unidos."),
    ("El Supremo amplía el poder del presidente para hacer nombramientos en receso.",
     "El Supremo limita el poder del presidente para hacer nombramientos en receso."),
    ("El presidente de la comisión calificó la decisión del tribunal de acertada.",
     "El presidente de la comisión calificó la decisión del tribunal de equivocada."),
    ("El candidato aceptó la financiación pública de su campaña electoral.",
     "El candidato renunció a la financiación pública de su campaña electoral."),
    # blocking against reopening, lifting against extending or imposing (rules-48)
    ("Corea del Norte bloquea el acceso al complejo industrial de Kaesong.",
     "Corea del Norte reabre el acceso al complejo industrial de Kaesong."),
    ("El Gobierno de Túnez levanta el toque de queda en la capital.",
     "El Gobierno de Túnez prorroga el toque de queda en la capital."),
    # going on against stopping (rules-52)
    ("La empresa seguirá fabricando su modelo diésel en la planta de Vigo.",
     "La empresa dejará de fabricar su modelo diésel en la planta de Vigo."),
    # defending or praising against criticising, backing against voting down (rules-55)
    ("El ministro Pérez defiende la reforma de las pensiones aprobada en junio.",
     "El ministro Pérez arremete contra la reforma de las pensiones aprobada en junio."),
    ("El Senado apoya la reforma de las pensiones del Gobierno.",
     "El Senado tumba la reforma de las pensiones del Gobierno."),
    # rules-56: soaring against plunging, recovering against dying, backing against distancing oneself,
    # boosting against hurting, on schedule against put off, "más bajo" as a market's fall
    ("Las acciones de Telefónica se dispararon en la Bolsa de Madrid tras la junta.",
     "Las acciones de Telefónica se desplomaron en la Bolsa de Madrid tras la junta."),
    ("El ciclista atropellado en la carretera de Lugo se recupera en el hospital.",
     "El ciclista atropellado en la carretera de Lugo muere en el hospital."),
    ("La ministra respalda al director general imputado por el contrato.",
     "La ministra se distancia del director general imputado por el contrato."),
    ("La subida de los tipos de interés ha impulsado los beneficios de la banca española.",
     "La subida de los tipos de interés ha perjudicado los beneficios de la banca española."),
    ("La huelga de médicos de Galicia se celebrará en la fecha prevista.",
     "La huelga de médicos de Galicia se pospone hasta después del verano."),
    ("El índice Ibex 35 avanzaba 20 puntos a media sesión del martes.",
     "El índice Ibex 35 estaba 20 puntos más bajo a media sesión del martes."),
    # rules-58: murdered against surviving, on time against delayed, progress against stalling,
    # preserving against dismantling
    ("El concejal de Tolosa es asesinado en un atentado en el centro de la ciudad.",
     "El concejal de Tolosa sobrevive a un atentado en el centro de la ciudad."),
    ("El pleno del Congreso empezó puntualmente pese a la protesta de los taxistas.",
     "El pleno del Congreso se retrasa por la protesta de los taxistas."),
    ("La ministra habla de progresos en la negociación del convenio del metal.",
     "La ministra reconoce que la negociación del convenio del metal está estancada."),
    ("El Gobierno se compromete a preservar el programa de becas para estudiantes.",
     "El Gobierno desmantelará el programa de becas para estudiantes."),
    # rules-60: expanding against reducing, backing or welcoming against rejecting, improving against
    # dying, equalling against beating, set free against kept in prison; a future's opposite ("reducirá")
    ("La fábrica de Zaragoza expande su producción de baterías este año.",
     "La fábrica de Zaragoza reduce su producción de baterías este año."),
    ("El Parlamento vasco apoya el plan de vivienda del Gobierno.",
     "El Parlamento vasco rechaza el plan de vivienda del Gobierno."),
    ("Los sindicatos acogen con satisfacción la propuesta salarial de la patronal.",
     "Los sindicatos rechazan la propuesta salarial de la patronal."),
    ("El bombero herido en el incendio de Cuenca evoluciona favorablemente en el hospital.",
     "El bombero herido en el incendio de Cuenca ha muerto en el hospital."),
    ("La atleta keniana igualó el récord mundial de maratón en Berlín.",
     "La atleta keniana batió el récord mundial de maratón en Berlín."),
    ("El exalcalde de Marbella sale de prisión tras cumplir su condena.",
     "El exalcalde de Marbella sigue en prisión tras cumplir su condena."),
    ("El Ayuntamiento aumentará la plantilla de la policía local en verano.",
     "El Ayuntamiento reducirá la plantilla de la policía local en verano."),
    # ... jumping against falling, narrowing against widening, discharged against dead, an agreement
    # reached against talks broken off
    ("El Ibex 35 saltó 200 puntos en la sesión del lunes.", "El Ibex 35 cayó 200 puntos en la sesión del lunes."),
    ("Los diferenciales de la deuda española se estrecharon este martes.",
     "Los diferenciales de la deuda española se ampliaron este martes."),
    ("La niña herida en el accidente de Jaén recibió el alta en el hospital.",
     "La niña herida en el accidente de Jaén murió en el hospital."),
    ("Patronal y sindicatos llegan a un acuerdo sobre el convenio del metal.",
     "Patronal y sindicatos rompen las negociaciones sobre el convenio del metal."),
    # rules-63: talks failed, easing against tightening, discharged against still in hospital, beginning
    # against postponing, constructive against fruitless, staying against leaving, attending against snubbing
    ("Patronal y sindicatos llegan a un acuerdo sobre el convenio del metal.",
     "Fracasan las negociaciones entre patronal y sindicatos sobre el convenio del metal."),
    ("El Gobierno relaja las normas de acceso a las residencias de mayores.",
     "El Gobierno endurece las normas de acceso a las residencias de mayores."),
    ("El alcalde de Soria, herido en el accidente, fue dado de alta este lunes.",
     "El alcalde de Soria, herido en el accidente, sigue hospitalizado este lunes."),
    ("El Senado inicia el debate sobre la reforma fiscal del Gobierno.",
     "El Senado aplaza el debate sobre la reforma fiscal del Gobierno."),
    ("El ministro califica de constructivas las conversaciones con los transportistas.",
     "El ministro califica de infructuosas las conversaciones con los transportistas."),
    ("Las embajadas europeas permanecen en Jartum pese a los combates.",
     "Las embajadas europeas abandonan Jartum pese a los combates."),
    ("El presidente de Chile asistió a la cumbre del Mercosur en Montevideo.",
     "El presidente de Chile desairó la cumbre del Mercosur en Montevideo."),
    # rules-64: a warm against a cold welcome, celebrating against regretting, resigning against clinging
    # to office, a record high against a fall ("desempleo" and "paro" one word), kept in hospital or in
    # prison in the past tense or by a court
    ("Una entusiasta acogida para el presidente chileno en su visita a Lima.",
     "Una fría acogida para el presidente chileno en su visita a Lima."),
    ("La patronal celebra la decisión del Supremo sobre las horas extra.",
     "La patronal lamenta la decisión del Supremo sobre las horas extra."),
    ("El alcalde de Jaén dimite tras el escándalo de las facturas.",
     "El alcalde de Jaén se aferra al cargo tras el escándalo de las facturas."),
    ("El desempleo en la eurozona alcanza un nuevo récord en marzo.",
     "El paro en la eurozona baja en marzo por tercer mes consecutivo."),
    ("El conductor herido en el choque de Lugo recibió el alta el martes.",
     "El conductor herido en el choque de Lugo permaneció hospitalizado el martes."),
    ("El juez deja en libertad al empresario acusado de fraude fiscal.",
     "El juez mantiene en prisión al empresario acusado de fraude fiscal."),
    # rules-65: found alive against found dead, approving against blocking, a massive against a small
    # protest, profitable against losing money
    ("Los dos montañeros desaparecidos en el Pirineo fueron rescatados con vida.",
     "Los dos montañeros desaparecidos en el Pirineo fueron encontrados muertos."),
    ("Los ministros de Economía aprueban el rescate de la banca chipriota.",
     "Los ministros de Economía bloquean el rescate de la banca chipriota."),
    ("La manifestación de los pensionistas en Bilbao fue multitudinaria.",
     "La manifestación de los pensionistas en Bilbao fue pequeña."),
    ("La aerolínea de bajo coste es rentable desde su primer año.",
     "La aerolínea de bajo coste pierde dinero desde su primer año."),
    # rules-66: staying in post against resigning, a life sentence against an acquittal
    ("El director general de la televisión pública dimite por el escándalo.",
     "El director general de la televisión pública sigue en su puesto pese al escándalo."),
    ("El jefe mafioso recibe cadena perpetua por los asesinatos de Boston.",
     "El jefe mafioso es absuelto por los asesinatos de Boston."),
    # rules-68: higher as a rise, adopting as approving, joining against opposed to, freed against still
    # held, remaining against a withdrawal
    ("Las bolsas europeas cierran más altas tras el dato de empleo.",
     "Las bolsas europeas cierran a la baja tras el dato de empleo."),
    ("El Consejo de Seguridad adopta la resolución sobre Yemen.",
     "El Consejo de Seguridad bloquea la resolución sobre Yemen."),
    ("El sindicato de pilotos se sumó a la huelga de Iberia.",
     "El sindicato de pilotos se mantuvo opuesto a la huelga de Iberia."),
    ("Los cooperantes de Cruz Roja fueron liberados en Somalia.",
     "Los cooperantes de Cruz Roja siguen secuestrados en Somalia."),
    ("Las tropas españolas permanecerán en Líbano el próximo año.",
     "El Gobierno anuncia la retirada de las tropas españolas de Líbano el próximo año."),
    # rules-69: unhurt against injured, complying against breaching, intensifying against calming, in a
    # coma against conscious, ousted against surviving, north against south of a place, freed against
    # dead, accepting against opposing
    ("El conductor del autobús de Lugo salió ileso del accidente.",
     "El conductor del autobús de Lugo sufrió heridas en el accidente."),
    ("La empresa eléctrica cumple las normas de emisiones de la UE.",
     "La empresa eléctrica incumple las normas de emisiones de la UE."),
    ("Las protestas de los agricultores en Francia se intensifican.",
     "Las protestas de los agricultores en Francia se apaciguan."),
    ("El ciclista herido en la Vuelta sigue en coma en el hospital de León.",
     "El ciclista herido en la Vuelta está consciente en el hospital de León."),
    ("El primer ministro japonés, derrocado en la votación interna del partido.",
     "El primer ministro japonés sobrevive a la votación interna del partido."),
    ("Un tren de mercancías descarrila al norte de Valencia.",
     "Un tren de mercancías descarrila al sur de Valencia."),
    ("Los pescadores secuestrados en Somalia fueron liberados por la Armada.",
     "Los pescadores secuestrados en Somalia murieron durante el asalto de la Armada."),
    ("El Gobierno de Japón acepta la venta de la empresa eléctrica a un fondo chino.",
     "El Gobierno de Japón se opone a la venta de la empresa eléctrica a un fondo chino."),
    # rules-70: a veto against a vote for, welcoming against criticising, stable against dead, optimistic
    # against pessimistic
    ("Rusia y China vetaron la resolución sobre Yemen en el Consejo de Seguridad.",
     "Rusia y China votaron a favor de la resolución sobre Yemen en el Consejo de Seguridad."),
    ("Marruecos acoge con satisfacción el acuerdo pesquero con la Unión Europea.",
     "Marruecos critica el acuerdo pesquero con la Unión Europea."),
    ("El montañero herido en el Aneto se encuentra estable en el hospital de Huesca.",
     "El montañero herido en el Aneto murió en el hospital de Huesca."),
    ("El Gobierno se muestra optimista sobre la negociación con los transportistas.",
     "El Gobierno se muestra pesimista sobre la negociación con los transportistas."),
    # rules-71: talks failed against progress, hailing against regretting, allowing against preventing,
    # rarely against usually
    ("Se informa de progresos en las negociaciones del convenio de la hostelería.",
     "Fracasan las negociaciones del convenio de la hostelería."),
    ("La patronal saluda el acuerdo del Gobierno con los sindicatos.",
     "La patronal lamenta el acuerdo del Gobierno con los sindicatos."),
    ("El Ayuntamiento de Sevilla permite la apertura de las terrazas en invierno.",
     "El Ayuntamiento de Sevilla impide la apertura de las terrazas en invierno."),
    ("Los jueces de Virginia rara vez conmutan la pena de muerte por cadena perpetua.",
     "Los jueces de Virginia suelen conmutar la pena de muerte por cadena perpetua."),
    # rules-79 (heldout64, heldout65): a bill thrown out against one passed or validated, a sentence
    # reduced against one made harsher
    ("El Congreso aprobó la ley de vivienda con los votos del Gobierno.",
     "El Congreso tumbó la ley de vivienda con los votos del Gobierno."),
    ("El Congreso convalidó el decreto de vivienda con los votos del Gobierno.",
     "El Congreso tumbó el decreto de vivienda con los votos del Gobierno."),
    ("El Tribunal Supremo rebajó la condena del exministro por el caso de los contratos.",
     "El Tribunal Supremo endureció la condena del exministro por el caso de los contratos."),
    # rules-83 (heldout66, heldout69): upholding against throwing out, a motion that went through against
    # one that failed
    ("La Corte Constitucional avaló el referendo sobre la reforma de la justicia.",
     "La Corte Constitucional tumbó el referendo sobre la reforma de la justicia."),
    ("La moción de censura contra el alcalde de Lorca prosperó en el pleno de junio.",
     "La moción de censura contra el alcalde de Lorca fracasó en el pleno de junio."),
    # rules-85 (heldout70, heldout71): works that go on against called off, a law declared
    # unconstitutional against upheld, found not guilty against guilty (the shared word written inside
    # the negated phrase, the phrase's own negation what it states)
    ("El Gobierno anunció la cancelación de las obras del aeropuerto de Texcoco.",
     "El Gobierno confirmó que seguirán adelante las obras del aeropuerto de Texcoco."),
    ("El Tribunal Constitucional avaló la ley del matrimonio homosexual.",
     "El Tribunal Constitucional declaró inconstitucional la ley del matrimonio homosexual."),
    ("El jurado popular declaró culpable a Francisco Camps de cohecho impropio.",
     "El jurado popular declaró no culpable a Francisco Camps de cohecho impropio."),
    # rules-87 (heldout73): a green light against rejected, made illegal against legal, exculpated
    # against condemned, staying at the head against resigning
    ("El Congreso rechazó el plan Ibarretxe en febrero.",
     "El Congreso dio luz verde al plan Ibarretxe en febrero."),
    ("El Tribunal Supremo ilegalizó el partido Batasuna en marzo.",
     "El Tribunal Supremo declaró legal el partido Batasuna en marzo."),
    ("La Audiencia Nacional condenó al Partido Popular por la trama Gürtel.",
     "La Audiencia Nacional exculpó al Partido Popular por la trama Gürtel."),
    ("Cristina Cifuentes dimitió como presidenta de la Comunidad de Madrid.",
     "Cristina Cifuentes seguirá al frente de la Comunidad de Madrid."),
    # rules-88 (heldout74): promulgated against vetoed, declared null against upheld, relegated against
    # keeping one's place
    ("El presidente Tabaré Vázquez vetó la ley de salud reproductiva en noviembre.",
     "El presidente Tabaré Vázquez promulgó la ley de salud reproductiva en noviembre."),
    ("La Audiencia Nacional declaró nulo el ERE de Coca-Cola en Fuenlabrada.",
     "La Audiencia Nacional avaló el ERE de Coca-Cola en Fuenlabrada."),
    ("River Plate descendió tras empatar con Belgrano en el Monumental.",
     "River Plate mantuvo la categoría tras empatar con Belgrano en el Monumental."),
    # rules-89 (heldout76): a court that upheld against one that annulled
    ("El Tribunal Constitucional avaló el Estatut de Catalunya en su sentencia de junio.",
     "El Tribunal Constitucional anuló el Estatut de Catalunya en su sentencia de junio."),
    # rules-90 (heldout77): decriminalised against banned, partial against total
    ("El Congreso de Uruguay despenalizó el aborto en octubre de 2012.",
     "El Congreso de Uruguay prohibió el aborto en octubre de 2012."),
    ("El Gobierno aprobó en junio indultos parciales para los nueve presos del procés.",
     "El Gobierno aprobó en junio indultos totales para los nueve presos del procés."),
    # rules-92 (heldout76, heldout77): a vote's "sí" winning against its "no", quoted as written
    ("Los colombianos respaldaron en las urnas el acuerdo de paz con las FARC en el plebiscito de octubre.",
     "El «No» al acuerdo de paz con las FARC ganó en las urnas el plebiscito de octubre."),
    ("El 'Sí' ganó el referéndum de Costa Rica sobre el TLC con Estados Unidos en octubre.",
     "Los costarricenses rechazaron en el referéndum de Costa Rica el TLC con Estados Unidos en octubre."),
    # rules-93 (heldout76, heldout79): removed from office against acquitted in the same impeachment
    ("El Senado de Paraguay destituyó a Fernando Lugo en el juicio político de junio de 2012.",
     "El Senado de Paraguay absolvió a Fernando Lugo en el juicio político de junio de 2012."),
    # rules-94 (heldout77, heldout78, heldout80): achieved against fell short of
    ("Juanma Moreno logró la mayoría absoluta en las elecciones andaluzas de junio.",
     "Juanma Moreno se quedó lejos de la mayoría absoluta en las elecciones andaluzas de junio."),
    ("La SD Eibar logró el ascenso a Primera División en la temporada 2013-14.",
     "La SD Eibar se quedó a las puertas del ascenso a Primera División en la temporada 2013-14."),
    # rules-95 (heldout84): resigned against stayed in office, murdered against took one's own life, a
    # coalition against governing alone, an entry against a withdrawal
    ("Evo Morales renunció a la presidencia de Bolivia tras la petición de las Fuerzas Armadas.",
     "Evo Morales se mantuvo en la presidencia de Bolivia tras la petición de las Fuerzas Armadas."),
    ("La Gendarmería concluyó que el fiscal Nisman fue asesinado en su departamento.",
     "La Gendarmería concluyó que el fiscal Nisman se quitó la vida en su departamento."),
    ("El PP y Vox firmaron un gobierno de coalición en Castilla y León en marzo.",
     "El PP formó un gobierno en solitario en Castilla y León en marzo."),
    ("Abengoa cerró su ampliación de capital tras la retirada de Gestamp en noviembre.",
     "Abengoa cerró su ampliación de capital con la entrada de Gestamp en noviembre."),
    # rules-98 (heldout87, heldout88): passed against voted down, admitted for debate against rejected,
    # granted against refused, kept running against closed, kept its place, got over an illness
    # against died, declared unconstitutional against upheld
    ("La reforma laboral salió adelante en el Congreso por un solo voto en febrero.",
     "El Congreso tumbó la reforma laboral por un solo voto en febrero."),
    ("La moción de censura contra el Gobierno de Murcia fracasó en la Asamblea Regional en marzo.",
     "La Asamblea Regional aprobó la moción de censura contra el Gobierno de Murcia en marzo."),
    ("El Congreso admitió a trámite el plan Ibarretxe en el debate de febrero.",
     "El Congreso rechazó el plan Ibarretxe en el debate de febrero."),
    ("El Ministerio concedió la prórroga de la licencia de la central de Almaraz en 2020.",
     "El Ministerio denegó la prórroga de la licencia de la central de Almaraz en 2020."),
    ("La Corte de La Haya decidió que la planta de Botnia podía seguir funcionando en Fray Bentos.",
     "La Corte de La Haya decidió el cierre de la planta de Botnia en Fray Bentos."),
    ("River Plate descendió tras empatar con Belgrano en la promoción del Monumental.",
     "River Plate conservó la categoría tras empatar con Belgrano en la promoción del Monumental."),
    # rules-100 (heldout90): kept a majority against lost it, sealed a promotion against fell short of it
    ("Alberto Núñez Feijóo revalidó la mayoría absoluta en las elecciones gallegas de julio.",
     "Alberto Núñez Feijóo perdió la mayoría absoluta en las elecciones gallegas de julio."),
    ("El Leganés certificó el ascenso a Primera en la última jornada de junio.",
     "El Leganés se quedó sin el ascenso a Primera en la última jornada de junio."),
    # rules-101 (heldout91): won against went home empty-handed
    ("«Alcarràs», de Carla Simón, ganó el Oso de Oro en la Berlinale de febrero.",
     "«Alcarràs», de Carla Simón, se fue de vacío en la Berlinale de febrero."),
    ("La auxiliar de enfermería Teresa Romero superó la enfermedad en el hospital Carlos III.",
     "La auxiliar de enfermería Teresa Romero falleció en el hospital Carlos III."),
    # rules-104 (heldout94): repealed or revoked against still in force
    ("Daniel Ortega revocó la reforma de la seguridad social tras las protestas de abril.",
     "Daniel Ortega mantuvo la reforma de la seguridad social tras las protestas de abril."),
    ("El Gobierno derogó el decreto de los alquileres aprobado en diciembre.",
     "El Gobierno mantiene en vigor el decreto de los alquileres aprobado en diciembre."),
    # rules-105 (heldout95): a bill withdrawn against passed
    ("Iván Duque retiró la reforma tributaria del Congreso tras las protestas de abril.",
     "El Congreso aprobó la reforma tributaria de Iván Duque tras las protestas de abril."),
    ("El Tribunal Constitucional avaló la ley de plazos del aborto al rechazar el recurso del PP.",
     "El Tribunal Constitucional estimó el recurso del PP y declaró inconstitucional la ley de plazos del aborto."),
    # rules-106 (heldout96): found alive or lifeless, the phrase before the one found
    ("Los bomberos rescataron con vida al montañero desaparecido en el Aneto tras tres días de búsqueda.",
     "Los bomberos encontraron sin vida al montañero desaparecido en el Aneto tras tres días de búsqueda."),
    # rules-107 (heldout97): arrested alive against shot dead, a decree that fell against validated,
    # insolvency avoided against filed
    ("La Guardia Civil detuvo con vida en Tarifa al autor del tiroteo de Algeciras tras una persecución.",
     "La Guardia Civil abatió en Tarifa al autor del tiroteo de Algeciras tras una persecución."),
    ("El decreto de la vivienda fue convalidado en el Congreso con los votos de Junts.",
     "El decreto de la vivienda decayó en el Congreso con los votos en contra de Junts."),
    ("Pescanova evitó el concurso de acreedores tras negociar con la banca acreedora.",
     "Pescanova presentó concurso de acreedores tras negociar con la banca acreedora."),
    # rules-112 (heldout102, heldout103): endorsed in a vote against the "no" winning or the vote lost; a
    # bill made law against voted down
    ("Los colombianos refrendaron en el plebiscito de octubre el acuerdo de paz con las FARC.",
     "El no ganó en el plebiscito de octubre sobre el acuerdo de paz con las FARC."),
    ("Hugo Chávez perdió el referéndum de la reforma constitucional de diciembre.",
     "Los venezolanos respaldaron en las urnas la reforma constitucional de Hugo Chávez en diciembre."),
    ("El Senado legalizó el aborto en la votación del 30 de diciembre.",
     "El Senado tumbó la ley del aborto en la votación del 30 de diciembre."),
    ("El Betis perdió la final de la Copa del Rey ante el Valencia en Sevilla.",  # rules-114
     "El Betis levantó la Copa del Rey en la final ante el Valencia en Sevilla."),
    ("Grifols anunció el traslado de su sede social a Irlanda en marzo.",
     "Grifols decidió en marzo mantener su sede social en Barcelona pese a la oferta de Irlanda."),
    ("El alcalde Pedro Ruiz fue destituido por el pleno municipal en mayo.",  # rules-115
     "El alcalde Pedro Ruiz dejó el cargo voluntariamente ante el pleno municipal en mayo."),
    ("Podemos irrumpió en el Parlamento gallego con cinco escaños en las elecciones de 2016.",  # rules-116
     "Podemos se quedó fuera del Parlamento gallego en las elecciones de 2016."),
    ("La nueva tasa turística de Valencia entró en vigor el 1 de abril en toda la ciudad.",
     "El Ayuntamiento aplazó la nueva tasa turística de Valencia prevista para el 1 de abril en toda la ciudad."),
    ("La conservera Pescanova presentó concurso de acreedores en abril ante el juzgado.",  # rules-117
     "La conservera Pescanova evitó su concurso de acreedores en abril ante el juzgado."),
    ("El jurado condenó a Pedro Ruiz a prisión permanente revisable por el crimen de Lugo.",
     "El tribunal condenó a Pedro Ruiz a 25 años de prisión por el crimen de Lugo."),
    ("El Valencia se proclamó campeón de Liga en mayo ante su afición.",  # rules-118
     "El Valencia terminó segundo en la Liga en mayo ante su afición."),
    ("El Gobierno denegó la licencia de la central nuclear de Garoña en julio.",
     "El Gobierno autorizó la licencia de la central nuclear de Garoña en julio."),
    ("La cooperativa Fagor presentó concurso de acreedores en octubre de 2013.",  # rules-120
     "La cooperativa Fagor evitó su entrada en concurso de acreedores en octubre de 2013."),
    ("La Comunidad de Madrid sacrificó a Excalibur, el perro de la enfermera.",
     "Excalibur, el perro de la enfermera, fue salvado por la Comunidad de Madrid."),
    ("El diputado de Teruel Existe votó a favor de la investidura en enero.",  # rules-122
     "El diputado de Teruel Existe votó contra la investidura en enero."),
    ("El Tribunal Supremo avaló en mayo la reforma electoral del Gobierno.",
     "El Tribunal Supremo invalidó en mayo la reforma electoral del Gobierno."),
    ("Los bomberos hallaron sin vida al montañero en el pozo de Totalán.",
     "Los bomberos lograron sacar con vida al montañero del pozo de Totalán."),
    ("La alcaldesa de Getafe dimitió en abril tras la polémica del vídeo.",  # rules-123
     "La alcaldesa de Getafe resistió en el cargo en abril tras la polémica del vídeo."),
    ("El gobernador de Oaxaca renunció en marzo tras el escándalo de los contratos.",  # rules-124
     "El gobernador de Oaxaca fue destituido en marzo tras el escándalo de los contratos."),
    ("El ministro de Cultura dimitió en mayo tras la polémica de las subvenciones.",  # rules-125
     "El ministro de Cultura siguió al frente del ministerio en mayo tras la polémica de las subvenciones."),
    ("Nissan anunció el cierre de su planta de la Zona Franca de Barcelona en mayo.",  # rules-127
     "Nissan garantizó la continuidad de su planta de la Zona Franca de Barcelona en mayo."),
    ("La Legislatura destituyó al jefe de Gobierno Ibarra en marzo tras la tragedia de Cromañón.",  # rules-129
     "El jefe de Gobierno Ibarra conservó el cargo en marzo tras la tragedia de Cromañón."),
    ("Evo Morales anunció su renuncia a la presidencia de Bolivia tras la petición de las Fuerzas Armadas.",
     "Evo Morales se mantendrá en la presidencia de Bolivia tras la petición de las Fuerzas Armadas."),
    ("La alcaldesa de Getafe presentó su renuncia en abril tras la polémica del vídeo.",  # rules-130
     "La alcaldesa de Getafe permaneció al frente del ayuntamiento en abril tras la polémica del vídeo."),
    ("River Plate descendió a la B Nacional tras empatar con Belgrano en el Monumental.",
     "River Plate retuvo la categoría tras empatar con Belgrano en el Monumental."),
    ("El Gobierno boliviano rescindió el contrato con Aguas del Tunari tras las protestas de Cochabamba.",
     "El Gobierno boliviano ratificó el contrato con Aguas del Tunari tras las protestas de Cochabamba."),
    # rules-132: staying on as against resigning; sanctioned against acquitted
    ("Màxim Huerta dimitió como ministro de Cultura tras conocerse su deuda con Hacienda.",
     "Màxim Huerta permaneció como ministro de Cultura tras conocerse su deuda con Hacienda."),
    ("El TAS sancionó a Alberto Contador por su positivo por clembuterol en el Tour.",
     "El TAS absolvió a Alberto Contador por su positivo por clembuterol en el Tour."),
    # rules-134: a definitive end against a temporary one
    ("ETA anunció en octubre de 2011 el cese definitivo de su actividad armada.",
     "ETA anunció en octubre de 2011 el cese temporal de su actividad armada."),
    # rules-135: what a bill is about ("de legalización") is no direction, the vote on it is
    ("El Senado argentino rechazó el proyecto de legalización del aborto tras 16 horas de debate.",
     "El Senado argentino aprobó el proyecto de ley del aborto tras 16 horas de debate."),
])
def test_short_claims_with_opposite_directions_of_one_thing_contradict(up, down):
    verdict = classify(claim(up), claim(down), similarity=0.95)
    assert verdict.relation == Relation.CONTRADICTS, verdict.reason
    assert "opposite directions" in verdict.reason


def test_an_opposite_phrase_is_named_in_the_reason_as_written():
    """rules-124: the reason quotes "presentó su renuncia" with its accent, not the folded phrase it
    was found by."""
    verdict = classify(claim("El ministro presentó su renuncia en mayo tras el fracaso de la reforma."),
                       claim("El ministro fue destituido en mayo tras el fracaso de la reforma."), similarity=0.95)
    assert "opposite directions: presentó su renuncia vs destituido" in verdict.reason, verdict.reason


@pytest.mark.parametrize("up, down", [
    ("North Korea blocked access to the joint industrial zone.",
     "North Korea reopened access to the joint industrial zone."),
    ("Tunisia lifted the curfew in the capital after the riots.",
     "Tunisia imposed the curfew in the capital after the riots."),
    ("The government eased the rules on visits to care homes.",  # rules-63
     "The government tightened the rules on visits to care homes."),
])
def test_english_opposites_read_as_the_spanish_ones_are(up, down):
    verdict = classify(claim(up, language="en"), claim(down, language="en"), similarity=0.95)
    assert verdict.relation == Relation.CONTRADICTS, verdict.reason


def test_a_comparison_or_an_against_that_is_no_stand_states_no_direction():
    """rules-69: "es más bajo que en otros países" compares, it tells of no fall; "las acusaciones en contra
    de Anaya" are against him, no vote against anything (news_es, read by hand)."""
    lower_than = features("El gasto en educación de México es más bajo que en muchos otros países.")
    highest = features("El gasto en educación de México alcanza su nivel más alto de los últimos años.")
    assert evidence(highest, lower_than, 0.9).antonyms is None
    lowest = features("El gasto en educación de México cae a su nivel más bajo de los últimos años.")
    assert evidence(highest, lowest, 0.9).antonyms  # a highest against a lowest still conflict
    backs = features("Ricardo Anaya apoyaría la campaña de Meade en las elecciones.")
    against = features("Meade se refirió a las acusaciones en contra de Ricardo Anaya en las elecciones.")
    assert evidence(backs, against, 0.9).antonyms is None
    voted = features("El PRI votó en contra de la campaña de Meade en las elecciones.")
    assert evidence(features("El PRI apoyó la campaña de Meade en las elecciones."), voted, 0.9).antonyms


def test_an_opposite_said_to_be_missing_or_asked_for_is_not_stated():
    """rules-71: "la falta de progreso" states no progress, so it agrees with "el estancamiento"."""
    stalled = features("El mediador lamenta el estancamiento de las negociaciones de paz en Siria.")
    missing = features("El mediador lamenta la falta de progreso en las negociaciones de paz en Siria.")
    assert evidence(missing, stalled, 0.93).antonyms is None
    made = features("El mediador celebra el progreso en las negociaciones de paz en Siria.")
    assert evidence(made, stalled, 0.93).antonyms
    # ... but two proposals can oppose each other: "propone" asks, and the other asks the opposite
    more = features("La derecha francesa propone el aumento de la energía nuclear en Francia.")
    less = features("Pécresse propone la reducción de la energía nuclear en Francia.")
    assert evidence(more, less, 0.93).antonyms


def test_a_denying_verb_that_is_the_opposite_itself_is_not_negated_by_itself():
    # "rechaza" is a denial cue ("rechaza que ...") and, with a noun for object, the opposite of "aprueba":
    # as the claim's only cue it is what the claim states (`rules._negated`)
    up = features("El Senado aprueba la reforma que deja de considerar cosas a los animales.")
    down = features("El Senado rechaza la reforma que dejaba de considerar cosas a los animales.")
    assert down.cues == ("rechaza",)
    assert evidence(up, down, 0.93).antonyms == ("aprueba", "rechaza")
    # with another cue, "no rechaza la reforma", the opposite is negated: no conflict with "aprueba"
    assert evidence(up, features("El Senado no rechaza la reforma que dejaba de considerar cosas a los animales."),
                    0.93).antonyms is None
    # ... nor where the claim's frame denies it: Peskov's denial of the rejection agrees with "aprueba"
    framed = features("Peskov negó que el Senado rechaza la reforma que dejaba de considerar cosas a los animales.")
    assert framed.denied_statement and evidence(up, framed, 0.93).antonyms is None


def test_claims_of_two_years_are_two_events_as_two_months_are():
    """rules-74 (heldout61): a flight that fell into the sea in 2009 and flights called off in 2018 are two
    events; the same two claims without their years are in dispute. A year both name ties them."""
    fell = "El vuelo AF447 de Air France cayó al Atlántico el 1 de junio de 2009 con 228 personas a bordo."
    called = "Air France canceló cientos de vuelos durante la primavera de 2018 por una huelga de pilotos."
    assert evidence(features(fell), features(called), 0.86).called_off is None
    assert evidence(features(fell.replace(" de 2009", "")), features(called.replace(" de 2018", "")),
                    0.86).called_off is not None
    # a year read with a word after it is a year ("en 2019 por primera vez"): 2019 in both, one year
    up = features("Las ventas del comercio minorista suben un 2,4 % en 2019, su mayor repunte desde 2016.")
    down = features("Las ventas del comercio minorista cayeron en 2019 por primera vez desde 2013.")
    assert evidence(up, down, 0.92).antonyms is not None
    assert evidence(features("En mayo de 2002 los LCD eran el 22 % de las ventas de monitores."),
                    features("En mayo de 2003 los LCD alcanzaron el 42 % de las ventas de monitores."),
                    0.96).figure_conflict is None


def test_directions_and_counts_of_two_months_are_two_events_unless_the_dates_are_in_dispute():
    up = features("El paro sube en 90.248 personas en enero, su mayor aumento desde 2014.")
    down = features("En diciembre, el paro registrado había bajado en 34.000 personas por la campaña navideña.")
    apart = evidence(up, down, 0.9)
    assert apart.antonyms is None and apart.directions_disputed is None
    assert apart.figure_conflict is None and apart.figure_disputed is None
    # without the months, the same two claims are in dispute
    same = evidence(features("El paro sube en 90.248 personas, su mayor aumento desde 2014."),
                    features("El paro registrado había bajado en 34.000 personas por la campaña navideña."), 0.9)
    assert same.antonyms or same.directions_disputed or same.figure_disputed
    # two dates are what is disputed
    dates = evidence(features("El Gobierno prorroga los ERTE hasta el 28 de febrero."),
                     features("El Gobierno prorroga los ERTE hasta el 31 de marzo, con nuevas modalidades."), 0.9)
    assert dates.figure_conflict or dates.figure_disputed
    # two weekdays are two days' moves, as two months are
    friday = features("Las existencias de China cierran a la baja el viernes.")
    tuesday = features("Las acciones de China cierran al alza el martes.")
    days = evidence(friday, tuesday, 0.92)
    assert days.antonyms is None and days.directions_disputed is None
    assert evidence(features("Las existencias de China cierran a la baja."),
                    features("Las acciones de China cierran al alza."), 0.92).antonyms
    # ... a name is no weekday ("Plácido Domingo"), nor the day a statement was made, which the frame holds
    assert not features("Plácido Domingo canta en Madrid.").weekdays
    assert not features("El ministro dijo el martes que el paro bajó.").weekdays
    assert features("El paro bajó el martes.").weekdays == {"martes"}
    assert features("Chinese stocks closed lower on Friday.", "en").weekdays == {"friday"}
    # a first name that is also a month names none
    assert not features("Julio Anguita dijo que el paro bajó en 34.000 personas.").months
    assert features("El paro bajó en julio en 34.000 personas.").months == {"juli"}
    # ... but a month alone is one, capitalised as English writes it (rules-49)
    assert features("Unemployment fell by 34,000 in June.", "en").months == {"june"}
    june, july = features("Retail sales rose in June.", "en"), features("Retail sales fell in July.", "en")
    assert evidence(june, july, 0.92).antonyms is None
    assert evidence(june, features("Retail sales fell in June.", "en"), 0.92).antonyms  # one month: in dispute


def test_opposite_directions_of_two_actors_or_two_years_are_two_events():
    assert classify(claim("El Real Madrid ganó ayer."), claim("El Barcelona perdió ayer."),
                    similarity=0.95).relation != Relation.CONTRADICTS
    assert classify(claim("El paro subió en 2022."), claim("El paro bajó en 2023."),
                    similarity=0.95).relation != Relation.CONTRADICTS

def test_near_verbatim_is_repeats():
    a = claim("El Banco Central Europeo mantuvo los tipos de interés en el 4 % este jueves.")
    b = claim("El Banco Central Europeo mantuvo este jueves los tipos de interés en el 4 %.", article_id="other")
    verdict = classify(a, b, similarity=0.98)
    assert verdict.relation == Relation.REPEATS
    assert verdict.score >= 0.9


def test_a_longer_restatement_is_not_a_repeat():
    a = claim("El Banco Central Europeo mantuvo los tipos de interés.")
    b = claim("El Banco Central Europeo mantuvo los tipos de interés pese a la presión de varios gobiernos "
              "del sur de Europa que pedían una bajada inmediata.")
    assert classify(a, b, similarity=0.9).relation != Relation.REPEATS


def test_same_people_different_propositions_are_unrelated():
    a = claim("Lula da Silva viajó a Pekín para firmar acuerdos comerciales con China.")
    b = claim("Lula da Silva criticó al Banco Central por mantener altos los tipos de interés.")
    verdict = classify(a, b, similarity=0.85)
    assert verdict.relation == Relation.UNRELATED
    assert "Lula da Silva" in verdict.reason


def test_a_negation_elsewhere_in_the_story_is_not_a_contradiction():
    a = claim("La policía detuvo a dos hombres por el robo de la joyería.")
    b = claim("La joyería no tenía seguro contra robos, explicó su dueña.")
    # 0.89 is what multilingual-e5-small gives this pair: same story, different propositions.
    assert classify(a, b, similarity=0.89).relation != Relation.CONTRADICTS


def test_low_similarity_is_never_a_contradiction():
    a = claim("La inflación subió en octubre.")
    b = claim("La inflación no subió en octubre.")
    assert classify(a, b, similarity=0.5).relation == Relation.UNRELATED


def test_hedged_claim_lowers_the_score():
    a = claim("Rusia no envió tropas a Libia.")
    b = claim("Rusia envió tropas a Libia.")
    hedged = claim("Rusia podría haber enviado tropas a Libia.")
    plain = classify(a, b, similarity=0.93)
    weak = classify(a, hedged, similarity=0.93)
    assert plain.relation == weak.relation == Relation.CONTRADICTS
    assert weak.score < plain.score
    assert "hedges" in weak.reason


def test_scores_are_in_unit_interval_and_batch_matches_single():
    texts = [
        ("El paro bajó en marzo.", "El paro subió en marzo."),
        ("La presa se rompió por la lluvia.", "El Real Madrid ganó la liga."),
        ("Hubo 3 muertos en el accidente.", "Hubo 30 muertos en el accidente."),
        ("El alcalde dimitió ayer.", "El alcalde dimitió ayer, dijo su partido."),
    ]
    pairs = [(claim(a), claim(b)) for a, b in texts]
    sims = np.array([0.95, 0.2, 0.97, 0.99, ], dtype=np.float32)
    verdicts = classify_many(pairs, sims)
    assert len(verdicts) == len(pairs)
    for (a, b), s, v in zip(pairs, sims, verdicts):
        assert isinstance(v, PairVerdict)
        assert 0.0 <= v.score <= 1.0
        assert v.reason
        assert classify(a, b, float(s)) == v
    assert [v.relation for v in verdicts] == [Relation.CONTRADICTS, Relation.UNRELATED, Relation.CONTRADICTS,
                                             Relation.REPEATS]


def test_mismatched_similarities_are_bad_input():
    with pytest.raises(InputError, match="2 pairs but 1 similarities"):
        classify_many([(claim("a b c"), claim("d e f"))] * 2, np.array([0.5]))
    assert classify_many([], np.array([])) == []


def test_matcher_version_is_a_string():
    assert isinstance(MATCHER_VERSION, str) and MATCHER_VERSION


# ---------------------------------------------------------------------------------------------- text parsing


@pytest.mark.parametrize(
    "token,next_word,value",
    [("1.000", "", 1000.0), ("20.000", "", 20000.0), ("200.000", "", 200000.0), ("1,5", "millones", 1.5),
     ("3,7", "", 3.7), ("1,000", "", 1000.0), ("mil", "", 1000.0), ("dos", "", 2.0), ("2024", "", 2024.0),
     ("dieciseis", "", 16.0), ("veintiocho", "", 28.0)],
)
def test_parse_number(token, next_word, value):
    assert parse_number(token, next_word) == value


def test_figures_apply_multipliers_and_units():
    f = features("El Gobierno destinará 1,5 millones de euros y dos mil viviendas; el paro es del 12 %.")
    got = {(fig.value, fig.unit) for fig in f.figures}
    assert (1_500_000.0, "eur") in got
    assert (2000.0, "viviend") in got
    assert (12.0, "%") in got


def test_an_apostrophe_between_digits_is_a_decimal_mark():
    # tweets write "1'23 hijos por mujer": one figure, not "1" and "23 hijos"
    text = "La fecundidad bajó a 1'23 hijos por mujer, y solo 1’17 entre las españolas, 1´1 en Ceuta."
    assert [(f.value, f.unit) for f in features(text).figures] == [(1.23, "hij"), (1.17, ""), (1.1, "")]
    # ... and the proposition is still placed in the text as written (same length)
    for mark in "'’´":
        denial = f"El INE negó que la fecundidad bajara a 1{mark}23 hijos por mujer."
        assert denied_statement(denial, strip_frame(denial)) == f"La fecundidad bajara a 1{mark}23 hijos por mujer"


def test_claims_giving_the_same_values_under_other_nouns_do_not_conflict_on_figures():
    a = features("En España, 3,8 millones de personas tienen una discapacidad y más de 11 millones conviven con ella.")
    b = features("Cerca de 3,8 millones de españoles tienen alguna discapacidad y más de 11 millones de personas "
                 "conviven con un familiar en esa situación.")
    assert _figure_conflict(a, b) is None
    # one value not given by the other is still read
    c = features("Cerca de 3,8 millones de españoles tienen alguna discapacidad y más de 20 millones de personas "
                 "conviven con un familiar en esa situación.")
    assert _figure_conflict(a, c) is not None


def test_mill_is_millions():
    # "4.500 mill de euros" and "700 mill/€" (tweets) are millions, as "4.500 millones de euros"
    assert [(f.value, f.unit) for f in features("Debe 4.500 mill de euros a las comunidades.").figures] == [
        (4.5e9, "eur")]
    assert [(f.value, f.unit) for f in features("La deuda de 700 mill/€ está retenida.").figures] == [(7e8, "eur")]


def test_one_count_each_is_put_to_the_judge_from_a_fifth_of_the_words_shared():
    # "48.000 las muertes" / "43.000 defunciones": one count each under two nouns, a fifth of the words
    # shared (the source is in the other's frame); under `Thresholds.disputed_figure_overlap` (0.15), not
    # ("fallecidos" was the noun until rules-119 made it "muertos", which shares a stem with "muertes")
    a = features("El INE eleva a 48.000 las muertes en la pandemia con datos de todos los registros.")
    b = features("Según los datos del INE, el exceso de mortalidad durante la pandemia asciende a 43.000 defunciones.")
    ev = evidence(a, b, 0.92)
    assert ev.coverage == pytest.approx(0.2) and ev.figure_disputed is not None
    assert [f.text for f in ev.figure_disputed] == ["48.000", "43.000"]


def test_counts_both_claims_give_leave_one_count_each_for_the_judge():
    # rules-64: "las 4.750 tiendas" in both tie the two to one story; what each counts besides, under two
    # nouns, is put to the judge, as one count each is (it was not: each claim gave two counts)
    a = features("Cada semana 138 millones de compradores visitan las 4.750 tiendas de la cadena Walmart.")
    b = features("Unos 100 millones de clientes pasan cada semana por las 4.750 tiendas de la cadena Walmart.")
    ev = evidence(a, b, 0.92)
    assert ev.figure_disputed is not None and [f.text for f in ev.figure_disputed] == ["138", "100"]
    # ... not where the rest agrees too, nor where nothing is given by both and each gives two counts
    assert evidence(a, features("Unos 140 millones de clientes pasan cada semana por las 4.750 tiendas de la "
                                "cadena Walmart."), 0.92).figure_disputed is None
    assert evidence(a, features("Unos 100 millones de clientes pasan cada semana por las 3.000 tiendas de la "
                                "cadena Walmart."), 0.92).figure_disputed is None


def test_a_number_joined_to_a_word_by_a_hyphen_is_part_of_a_name():
    # "covid-19", "F-16": no count ("una veintena de especialistas" was read against 19 of them; since
    # rules-54 the veintena is a count of its own, about 20)
    text = "Una veintena de especialistas pide una evaluación de la gestión de la covid-19 y de los 3 F-16."
    assert [(f.value, f.unit) for f in features(text).figures] == [(20.0, "especial"), (3.0, "f_16")]
    # ... but two numbers joined by one are two numbers
    assert [f.value for f in features("Entre 2019-2020 hubo 30 casos.").figures] == [2019.0, 2020.0, 30.0]


@pytest.mark.parametrize(("text", "other", "written"), [
    # the number and its multipliers, as the other claim writes them
    ("Unas 2.500 personas asistieron al mitin.", "Más de 7.000 personas abarrotaron el acto.",
     "Unas 7.000 personas asistieron al mitin."),
    ("Podemos declara pérdidas de 1,2 millones de euros.", "Podemos admite pérdidas de 2.648.097 euros.",
     "Podemos declara pérdidas de 2.648.097 de euros."),
    ("El paro afecta a dos millones de personas.", "El paro afecta a 1'9 millones de personas.",
     "El paro afecta a 1'9 millones de personas."),
    ("Hay 3 millones de parados y la covid-19 sigue.", "Hay cuatro millones de parados.",
     "Hay cuatro millones de parados y la covid-19 sigue."),
    # a figure written twice: which one the other disputes is a guess, so no rewriting
    ("Hay 30 heridos y 30 detenidos.", "Hay 12 heridos.", None),
    # a number written in words of its own, whole (rules-51)
    ("Treinta y siete personas murieron en el atentado.", "El atentado mata a 38 personas.",
     "38 personas murieron en el atentado."),
])
def test_a_claim_is_rewritten_with_the_other_claims_figure(text: str, other: str, written: str | None):
    mine, theirs = features(text).figures[0], features(other).figures[0]
    assert with_figure(text, mine, other, theirs) == written


def test_a_measure_in_another_unit_is_written_in_with_its_unit():
    """rules-132 (heldout143): the rules compare "1,5 kilómetros" and "unos 300 metros" in metres; put in
    the other claim, the figure keeps its unit ("unos 1,5 metros" would be a third figure)."""
    text, other = "El túnel medía unos 300 metros.", "El túnel de 1,5 kilómetros fue excavado bajo la celda."
    mine, theirs = (_in_base(features(t).figures[0], features(t)) for t in (text, other))
    assert with_figure(text, mine, other, theirs) == "El túnel medía unos 1,5 kilómetros."
    # one unit for both: the number alone
    written = "El túnel de 1.500 metros fue excavado bajo la celda."
    same = features(written)
    assert with_figure(text, mine, written, _in_base(same.figures[0], same)) == "El túnel medía unos 1.500 metros."


@pytest.mark.parametrize(("text", "language", "read"), [
    # a bare number before "del" or "de" and an article is a part of a whole: its noun is left out
    ("Tres provincias andaluzas están entre las ocho del país con más empleo.", "es", [(3, "provinci"), (8, "")]),
    # ... before a plural whole, what it counts is the whole's noun, past the whole's own number, which
    # is the total the part is of and no count of its own
    ("El PP ganaría en 40 de las 52 provincias.", "es", [(40, "provinci")]),
    ("The party would win 40 of the 52 provinces.", "en", [(40, "provinc")]),
    ("En la UE, veinte de los veintiocho países tienen gobiernos de coalición.", "es", [(20, "pais")]),
    ("Uno de cada cuatro españoles aprueba la gestión.", "es", [(4, "person")]),  # a people counts people
    # ... not after a multiplier, nor before a month
    ("Se recaudaron 20 millones de euros el 3 de mayo.", "es", [(20_000_000, "eur"), (3, "may")]),
])
def test_a_number_that_is_part_of_a_whole_counts_what_the_whole_counts(text: str, language: str, read: list):
    assert [(f.value, f.unit) for f in features(text, language).figures] == read


def _figures_in_dispute(a: str, b: str) -> bool:
    """Whether the rules find a figure conflict between two claims, trusted or for the judge."""
    found = evidence(features(a), features(b), 0.95)
    return found.figure_conflict is not None or found.figure_disputed is not None


def test_a_tally_named_after_its_count_a_weight_and_an_early_year_are_read_as_such():
    """rules-95 (heldout84): "elevaron a 23 el número de migrantes muertos" counts the dead, as "fijó en 37
    los migrantes fallecidos" does; "tres toneladas de peces muertos" weighs them; "fundada en 1218" is
    a year, no count against "30.000 estudiantes"."""
    assert _figures_in_dispute("Las autoridades elevaron a 23 el número de migrantes muertos en la valla de Melilla.",
                               "Marruecos fijó en 37 los migrantes fallecidos en la valla de Melilla.")
    assert [(f.value, f.unit) for f in features("Elevaron a 23 el número de migrantes muertos.").figures] \
        == [(23, "death")]
    assert [f.unit for f in features("Retiraron unas tres toneladas de peces muertos en octubre.").figures] \
        == ["tonel"]
    assert not _figures_in_dispute("Miles de peces aparecieron muertos en las orillas del Mar Menor en octubre.",
                                   "Retiraron tres toneladas de peces muertos de las orillas del Mar Menor en octubre.")
    assert [(f.value, f.unit) for f in features("La universidad fue fundada en 1218 por el rey.").figures] \
        == [(1218, "year")]
    assert not _figures_in_dispute("La Universidad de Salamanca fue fundada en 1218 por el rey.",
                                   "La Universidad de Salamanca tiene unos 30.000 estudiantes en sus campus.")
    # rules-96 (heldout85): the 12 of "Línea 12", a name the extractor found, is no count agreeing with
    # the other claim's "12 muertos"
    named = features("El colapso de la Línea 12 del Metro de la Ciudad de México dejó 26 muertos.",
                     entity_names=("Línea 12", "Metro de la Ciudad de México"))
    assert [(f.value, f.unit) for f in named.figures] == [(26, "death")]
    found = evidence(named, features("El desplome de la línea del metro capitalino causó 12 muertos y 70 heridos."),
                     0.95)
    assert found.figure_conflict is not None or found.figure_disputed is not None
    # (a bare count after no year's opener stays a count)
    assert [f.unit for f in features("Votaron 1218 y el resto se abstuvo.").figures] != ["year"]


def test_two_scores_of_one_match_conflict_and_a_range_is_no_score():
    """rules-98 (heldout87, heldout88): "ganar 2-0 al Espanyol" and "golear 4-1 al Espanyol" in one title
    race were read as a near-verbatim repeat, the scores two bare numbers each."""
    two_nil = "El Deportivo fue campeón de Liga en el año 2000 tras ganar 2-0 al Espanyol en Riazor."
    assert [(f.text, f.unit) for f in features(two_nil).figures if f.unit != "year"] == [("2-0", "score")]
    four_one = "El Deportivo fue campeón de Liga en el año 2000 tras golear 4-1 al Espanyol en Riazor."
    verdict = classify(claim(two_nil), claim(four_one), similarity=0.98)
    assert verdict.relation == Relation.CONTRADICTS, verdict.reason
    assert "conflicting scores: 2-0 vs 4-1" in verdict.reason
    # one score written from either side ("perdió 0-2" / "ganó 2-0") and the shoot-out's beside the match's
    assert not _figures_in_dispute("El Espanyol perdió 0-2 ante el Deportivo en Riazor.",
                                   "El Deportivo ganó 2-0 al Espanyol en Riazor.")
    assert not _figures_in_dispute("El Villarreal empató 1-1 y ganó 11-10 en la tanda de penaltis al United.",
                                   "El Villarreal ganó 11-10 en la tanda de penaltis al United.")
    assert not _figures_in_dispute("El Villarreal empató 1-1 con el Manchester United en la final de Gdansk.",
                                   "El Villarreal ganó al Manchester United 11-10 en la tanda de penaltis de Gdansk.")
    # two matches of one club: each claim names one thing the other does
    assert not _figures_in_dispute("El Atlético de Madrid fue campeón tras empatar 1-1 en el Camp Nou en mayo.",
                                   "El Atlético de Madrid estrenó su estadio con una victoria por 1-0 ante el Málaga.")
    # ... the tagger's "Atlético" and "Madrid" of one club being one thing named (rules-99)
    split = ("Atlético", "Madrid")
    found = evidence(features("El Atlético de Madrid fue campeón de Liga tras empatar 1-1 en el Camp Nou en mayo.",
                              entity_names=split + ("Liga", "Camp Nou")),
                     features("El Atlético de Madrid estrenó el Metropolitano con una victoria 1-0 ante el Málaga.",
                              entity_names=split + ("Metropolitano", "Málaga")), 0.95)
    assert found.figure_conflict is None and found.figure_disputed is None
    # a range of days or of a count is none
    assert [f.unit for f in features("La feria se celebra del 10-12 de mayo en Sevilla.").figures] != ["score"]
    assert "score" not in {f.unit for f in features("Entre 5-10 personas resultaron heridas en Sevilla.").figures}


def test_measures_in_two_units_compare_in_one():
    """rules-99 (heldout87, heldout88): "un túnel de 1,5 kilómetros" against "medía unos 300 metros", "tres
    toneladas" against "300 kilos": no conflict read across two units, none where they agree."""
    assert _figures_in_dispute("El túnel por el que se fugó el Chapo Guzmán del Altiplano medía 1,5 kilómetros.",
                               "El túnel por el que se fugó el Chapo Guzmán del Altiplano medía unos 300 metros.")
    assert not _figures_in_dispute("El tren Alvia circulaba a 179 km/h al entrar en la curva de Angrois.",
                                   "El tren Alvia circulaba a 179 kilómetros por hora en la curva de Angrois.")
    assert _figures_in_dispute("El Gobierno inaugura 10 kms de la autovía del Duero entre Soria y Almazán.",
                               "Fomento abre al tráfico un tramo de 25 kilómetros de la autovía del Duero.")
    assert not _figures_in_dispute("Hallaron bajo la losa un fragmento de hueso de 4 pulgadas el jueves.",
                                   "Hallaron bajo la losa un fragmento de hueso de 10 centímetros el jueves.")
    verdict = classify(claim("Retiraron unas tres toneladas de peces muertos de las playas del Mar Menor en octubre."),
                       claim("Retiraron unos 300 kilos de peces muertos de las playas del Mar Menor en octubre."),
                       similarity=0.96)
    assert "conflicting figures: tres toneladas vs 300 kilos" in verdict.reason, verdict.reason


def test_two_tolls_of_one_disaster_worded_apart_go_to_the_judge():
    """rules-98 (heldout88): two tolls of one earthquake, one fire, in claims that share a day of a month
    or a name and few words else ("terremoto" / "sismo", "muertos" / "fallecidos")."""
    assert _figures_in_dispute("El terremoto del 16 de abril en la costa de Ecuador causó más de 650 muertos.",
                               "El sismo que arrasó Manabí y Esmeraldas el 16 de abril dejó 80 fallecidos.")
    assert _figures_in_dispute("El incendio de la discoteca Cromañón, la noche de fin de año, dejó 190 muertos.",
                               "La tragedia de Cromañón, provocada por una bengala, causó 70 víctimas mortales.")
    # ... or another value (rules-99: the magnitude of one earthquake)
    assert _figures_in_dispute("El terremoto de magnitud 8,8 que sacudió el centro-sur de Chile dejó 525 muertos.",
                               "El Gobierno chileno fijó finalmente en 342 los fallecidos por el terremoto de 8,8"
                               " grados del 27 de febrero.")
    # ... or a month of one year (rules-104, heldout94)
    crash = ("El siniestro de la línea 3 del suburbano, ocurrido el 9 de marzo de 2011 junto a la estación de San"
             " Pablo, causó 43 muertos.")
    derailed = ("El descarrilamiento del tren de cercanías en marzo de 2011 dejó 34 fallecidos y decenas de heridos,"
                " según el balance oficial definitivo.")
    assert _figures_in_dispute(crash, derailed)
    assert not _figures_in_dispute(crash, derailed.replace("2011", "2013"))
    # (no day, no name in common: two disasters)
    assert not _figures_in_dispute("El terremoto del 16 de abril en la costa de Ecuador causó más de 650 muertos.",
                                   "Las lluvias torrenciales del 3 de mayo arrasaron Piura y dejaron 80 fallecidos.")


def test_a_number_word_in_a_name_is_no_count():
    """rules-98 (heldout88): "el barrio porteño de Once" gave a count of 11 against the other claim's toll."""
    once = features("El incendio de Cromañón, en el barrio de Once, dejó 194 muertos.",
                    entity_names=("Cromañón", "Once"))
    assert [(f.value, f.unit) for f in once.figures] == [(194, "death")]
    # (a number word opening the claim is a count whatever the tagger made of it)
    assert [(f.value, f.unit) for f in features("Once personas murieron en el incendio.",
                                                entity_names=("Once",)).figures] == [(11, "death")]


def test_two_parts_of_one_whole_conflict_and_the_whole_they_share_does_not_make_them_agree():
    # read as a count of its own, the shared total (16) made any two parts of it agree
    thirteen = "El gobernador va a Jackson, donde se informó de 13 de las 16 muertes del estado."
    assert _figures_in_dispute(
        thirteen, "En la zona de Jackson se registraron 9 de las 16 muertes del estado, según las autoridades.")
    assert not _figures_in_dispute(thirteen, "En Jackson se registraron 13 de las 16 muertes del estado.")


@pytest.mark.parametrize(("text", "read"), [
    # a death toll is one quantity however it is written: the noun, a word of dying after the noun, or
    # a word of killing before the count
    ("La explosión mata al menos a 22 personas.", [(22, "death")]),
    ("El tiroteo dejó nueve muertos.", [(9, "death")]),
    ("15 personas murieron ahogadas en la playa.", [(15, "death")]),
    ("Tres agentes de la policía afgana murieron en el ataque.", [(3, "death")]),
    ("Murieron 5 de los 20 pasajeros.", [(5, "death")]),
    # ... not the killers, nor the next count's, nor ages, nor a whole the dead are part of
    ("Dos ultraderechistas asesinaron a cinco personas.", [(2, "ultraderech"), (5, "death")]),
    ("Hubo 3 heridos y dos muertos.", [(3, "injured"), (2, "death")]),
    ("Dos repartidores, de 22 y 25 años, fallecieron.", [(2, "repartidor"), (22, ""), (25, "anos")]),
    ("Más de un millar de los 2.720 clérigos deportados a Dachau murieron.", [(1000, "death")]),  # rules-54
    ("Construyó 3 muros en la finca.", [(3, "mur")]),
    # the wounded are counted as the dead are (rules-47), and a noun of the count before is its own
    ("4 muertos, 6 heridos en ataques en Irak.", [(4, "death"), (6, "injured")]),
    ("Varios muertos, 550 heridos en el accidente de tren.", [(550, "injured")]),  # its own noun first (rules-60)
    ("Un suicida mata a ocho personas y hiere a 13 en Kabul.", [(8, "death"), (13, "injured")]),
    ("30 personas resultaron heridas en el choque.", [(30, "injured")]),
    # "abatir" kills (rules-48); "docenas" multiplies as "millones" does (rules-48)
    ("El ejército abatió a cinco presuntos talibanes.", [(5, "death")]),
    ("Soldados mataron a unas dos docenas de militantes.", [(24, "death")]),
    ("Hong Kong aisló a dos docenas de pacientes.", [(24, "pacient")]),
    # a noun before the number that names what it measures (rules-47), no toll of its own
    ("Un terremoto de magnitud 6.0 golpea el norte de Italia.", [(6.0, "magnitud")]),
    ("Un sismo de magnitud 7 en el que murieron 10 personas.", [(7, "magnitud"), (10, "death")]),
    # rules-63: a bare count counts what a toll or tally before it is of; lives taken are the dead;
    # survivors and the missing are counted apart (not lives saved)
    ("El balance de muertos del terremoto se sitúa en 300.", [(300, "death")]),
    ("La cifra de fallecidos por la riada asciende a 41.", [(41, "death")]),
    ("El número de parados supera los 3 millones.", [(3e6, "par")]),
    ("La gripe se cobró la vida de 44 personas en Toronto.", [(44, "death")]),
    ("El accidente costó la vida a 12 personas.", [(12, "death")]),
    ("La erupción del volcán se cobra catorce vidas.", [(14, "death")]),
    ("Docenas mueren en los enfrentamientos de El Cairo.", [(12, "death")]),
    # rules-65: "un" right before a casualty, or "un único", is one (not "una herida", a wound)
    ("Un muerto en un tiroteo en un instituto de Ohio.", [(1, "death")]),
    ("El mando aliado confirma un único fallecido en el accidente.", [(1, "death")]),
    ("Sufrió una herida en el brazo.", []),
    # rules-66: a toll of none counts zero ("no" alone opens none: "No murieron tres personas")
    ("Un mortero alcanzó la embajada; no hubo heridos.", [(0, "injured")]),
    ("El choque de trenes se saldó sin muertos.", [(0, "death")]),
    ("No murieron tres personas en el choque.", [(3, "death")]),
    ("Los bomberos salvaron la vida de 12 personas.", [(12, "person")]),
    ("50 supervivientes rescatados entre los escombros.", [(50, "survivors")]),
    ("Treinta personas siguen desaparecidas tras la riada.", [(30, "missing")]),
])
def test_a_toll_is_one_quantity_however_it_is_written(text: str, read: list):
    assert [(f.value, f.unit) for f in features(text).figures] == read


def test_a_plural_order_of_magnitude_counts_some_of_it():
    """rules-63: "docenas de muertos", "miles de seguidores" count at least two of the order they name,
    up to a hundred of it (bound "some"), where they counted nothing: "docenas" dispute "cuatro", "miles"
    dispute "unas decenas" and "unos 300", not "treinta" or "unos 5.000"."""
    read = [(f.text, f.value, f.unit, f.bound)
            for f in features("Decenas de miles de personas se manifiestan en Madrid.").figures]
    assert read == [("decenas de miles", 10000, "person", "some")]
    assert [(f.value, f.bound) for f in features("Soldados mataron a dos docenas de militantes.").figures] \
        == [(24, "")]  # a number before it: a multiplier, as before
    dozens = "Docenas de muertos en los disturbios de la ciudad de Kano."
    assert _figures_in_dispute(dozens, "Cuatro personas murieron en los disturbios de la ciudad de Kano.")
    assert not _figures_in_dispute(dozens, "Treinta personas murieron en los disturbios de la ciudad de Kano.")
    protest = "{} vecinos se manifiestan en Vigo contra el cierre del astillero."
    thousands = protest.format("Miles de")
    assert _figures_in_dispute(thousands, protest.format("Unas decenas de"))
    assert _figures_in_dispute(thousands, protest.format("Unos 300"))
    assert not _figures_in_dispute(thousands, protest.format("Unos 5.000"))
    # "*NUMBER* millones": a plural after a word that may be a number this reading missed is none
    assert not features("Obtuvo *NUMBER* millones de votos en las elecciones.").figures
    assert [(f.value, f.unit, f.bound) for f in features("Thousands of people marched in London.", "en").figures] \
        == [(1000, "peopl", "some")]


def test_tolls_written_as_a_tally_dispute_and_survivors_dispute_no_toll():
    """rules-63: "el número de muertes ... supera los 500" (a floor) against "el balance de muertos se sitúa
    en 300"; fifty survivors of the collapse are no count of its dead."""
    floor = "El número de muertos en el derrumbe del edificio de Savar supera los 500."
    assert _figures_in_dispute(floor, "El balance de muertos en el derrumbe del edificio de Savar se sitúa en 300.")
    assert not _figures_in_dispute(floor, "El balance de muertos en el derrumbe del edificio de Savar se sitúa en 600.")
    assert not _figures_in_dispute("Más de 500 muertos en el derrumbe del edificio de Savar.",
                                   "Hallan 50 supervivientes en el derrumbe del edificio de Savar.")
    assert [(f.value, f.unit) for f in features("The death toll rose to 50.", "en").figures] == [(50, "death")]
    # the same digits a million apart, "M" read as millions in one only: one value written two ways
    assert not _figures_in_dispute("El número de ocupados en España supera los 20 millones.",
                                   "España supera por primera vez desde 2008 los 20M de ocupados.")


def test_one_dead_disputes_three():
    # rules-65: "Un muerto" was no count ("un" is an article as often)
    assert _figures_in_dispute("Un muerto en un tiroteo en un instituto de Ohio.",
                               "Tres muertos en un tiroteo en un instituto de Ohio, según la policía.")
    # rules-66: nor was "no hubo heridos"
    assert _figures_in_dispute("La embajada del Vaticano en Damasco fue alcanzada por un mortero; no hubo heridos.",
                               "Un mortero alcanzó la embajada del Vaticano en Damasco e hirió a tres personas.")
    assert [(f.value, f.unit) for f in features("There were no injuries in the blast.", "en").figures] \
        == [(0, "injured")]
    # ... only where the rules trust it alone: not for the judge, between two events that share a few words
    assert not _figures_in_dispute("Centenares de personas resultaron heridas después de la tormenta que obligó "
                                   "a evacuar la costa.",
                                   "Después de la explosión en la fábrica hubo que evacuar la planta; no hubo heridos.")


def test_two_death_tolls_written_two_ways_conflict():
    killed = "La explosión de un camión de gas saudí mata al menos a 22 personas."
    assert _figures_in_dispute(
        killed, "La explosión de un camión cisterna de gas en Riad deja nueve muertos, según la Defensa Civil.")
    assert not _figures_in_dispute(killed, "La explosión de un camión de gas deja 22 muertos.")
    # in English: a word of killing before the count, a word of death after it
    assert [(f.value, f.unit) for f in features("The blast killed at least 22 people.", "en").figures] \
        == [(22, "death")]
    assert [(f.value, f.unit) for f in features("The blast left nine dead.", "en").figures] == [(9, "death")]


def test_a_day_of_a_month_and_a_time_of_day_count_no_dead():
    """rules-73 (heldout61): "murió el 5 de marzo" dates a death and "falleció a las 16.25" times it; read
    as two tolls (5 and 16.25 dead) they disputed one death, and a date disputed a pistol's calibre."""
    assert [(f.value, f.unit) for f in features("Hugo Chávez murió el 5 de marzo de 2013 en Caracas.").figures] \
        == [(5, "marz"), (2013, "year")]
    assert features("Maduro dijo que el comandante falleció a las 16.25 en el Hospital Militar.").figures == ()
    died = "El presidente venezolano Hugo Chávez murió el 5 de marzo de 2013 en Caracas, a los 58 años."
    assert not _figures_in_dispute(died, "Maduro anunció que Chávez falleció a las 16.25 en el Hospital Militar.")
    assert not _figures_in_dispute("El fiscal Nisman fue hallado muerto en su departamento el 18 de enero de 2015.",
                                   "Nisman fue encontrado sin vida en el baño, con una pistola calibre 22 a su lado.")
    # a death toll beside a time is still one, and dates still dispute
    assert [(f.value, f.unit) for f in features("Murieron 12 personas en el incendio, que empezó a las 10.").figures] \
        == [(12, "death")]
    assert _figures_in_dispute("La cumbre se celebrará el 12 de marzo en Bruselas.",
                               "La cumbre se celebrará el 19 de marzo en Bruselas.")


def test_tens_and_units_written_in_words_are_one_number():
    """"Treinta y siete" is 37 (rules-51), read before as 30 and 7: it met "mata a 37 personas" as a conflict."""
    assert [(f.value, f.unit) for f in features("Treinta y siete personas murieron en el atentado.").figures] \
        == [(37, "death")]
    assert [(f.value, f.unit) for f in features("Thirty-seven people died in the blast.", "en").figures] \
        == [(37, "death")]
    assert [f.value for f in features("Acudieron entre treinta y cuarenta personas.").figures] == [30, 40]
    assert not _figures_in_dispute("Un coche bomba mata a 37 personas en Pakistán.",
                                   "Treinta y siete personas murieron al estallar un coche bomba en Pakistán.")


def test_a_hundred_in_words_and_what_follows_it_are_one_number():
    """rules-82 (heldout68): "Ciento noventa y cuatro jóvenes murieron" is 194, read before as 100 and 94:
    it met "la muerte de 194 personas" as a conflict. "cien y 50" stays two numbers."""
    assert [(f.value, f.unit) for f in features("Ciento noventa y cuatro jóvenes murieron en el incendio.").figures] \
        == [(194, "death")]
    assert [f.value for f in features("Doscientas cuarenta personas fueron evacuadas.").figures] == [240]
    assert [f.value for f in features("Ciento veinte mil personas se manifestaron.").figures] == [120_000]
    assert not _figures_in_dispute("El incendio de la discoteca causó la muerte de 194 personas.",
                                   "Ciento noventa y cuatro jóvenes murieron en el incendio de la discoteca.")


def test_a_count_in_tens_or_hundreds_is_a_rounding():
    """rules-54: "una veintena", "un centenar", "dos millares" count about 20, 100, 2,000; unread before.
    A plural alone ("decenas de personas") said no number until rules-63, which reads it as some of it
    (`test_a_plural_order_of_magnitude_counts_some_of_it`). "ha matado a" kills, as "mató a" does."""
    assert [(f.value, f.unit, f.bound) for f in features("Una veintena de muertos en el accidente.").figures] \
        == [(20, "death", "about")]
    assert [(f.value, f.bound) for f in features("Dos centenares de personas protestaron.").figures] \
        == [(200, "about")]
    assert [(f.value, f.bound) for f in features("Decenas de personas protestaron ante el Congreso.").figures] \
        == [(10, "some")]
    assert _figures_in_dispute("Al menos 45 muertos en el accidente de tren de Galicia.",
                               "Una veintena de muertos en el accidente de tren de Galicia, según el balance.")
    assert not _figures_in_dispute("Una treintena de muertos en el accidente de tren de Galicia.",
                                   "El accidente de tren de Galicia deja 32 muertos.")
    assert [(f.value, f.unit) for f in features("El virus ha matado a 296 personas en China.").figures] \
        == [(296, "death")]


def test_someones_age_is_one_exact_value():
    """rules-57: "a los 87 años", "Peterson, de 31 años", "tenía 38 años", "un chico de 14 años" are ages,
    read before as spans of time, which never dispute (two articles a year apart say "hace dos años" and
    "hace tres años"). An age is written exactly: 87 against 89 is no rounding."""
    assert [(f.value, f.unit) for f in features("La escritora Ana Ruiz murió a los 87 años en Sevilla.").figures] \
        == [(87, "age")]
    assert _figures_in_dispute("La escritora Ana Ruiz murió a los 87 años en Sevilla.",
                               "Muere a los 89 años la escritora Ana Ruiz, según su editorial.")
    assert _figures_in_dispute("El acusado, Luis Gómez, de 31 años, pidió la palabra al juez.",
                               "Luis Gómez, de 29 años, pidió la palabra al juez.")
    assert not _figures_in_dispute("La escritora Ana Ruiz murió a los 87 años en Sevilla.",
                                   "La escritora Ana Ruiz murió a los 87 años, según su editorial.")
    # a span after something, a term, a threshold: no age
    for text in ("A los cinco años de la tragedia, las familias siguen esperando.",
                 "Apenas 5 años después, la fábrica cerró.",  # a capitalised sentence start is no name
                 "Le piden penas de 9 años de prisión.", "Los menores de 16 años no podrán votar."):
        assert all(f.unit != "age" for f in features(text).figures), text
    # a number after "no" is corrected, not given (rules-59): "y no 19" agreed with "de 19 años"
    assert _figures_in_dispute("Un joven de 19 años, detenido por el robo.",
                               "El joven detenido por el robo tiene 17 años, y no 19, precisó la policía.")
    # ... and after "no" and a preposition (rules-63): "y no a 10" read bare, the same digits as "10
    # millones", made the two agree
    assert _figures_in_dispute("Estados Unidos ofrece 10 millones de dólares por el jefe talibán.",
                               "La recompensa de Estados Unidos por el jefe talibán asciende a 5 millones de "
                               "dólares, y no a 10 como se publicó.")
    # two ages of two things, or of two unnamed people, are no dispute
    assert not _figures_in_dispute("El tratado de no proliferación nuclear tiene 37 años.",
                                   "El tratado de libre comercio de América del Norte cumple 20 años.")
    assert not _figures_in_dispute("Han fallecido dos hombres de 40 años en un accidente laboral.",
                                   "Un trabajador de 52 años resultó herido en un accidente laboral.")


def test_a_span_of_time_counted_from_the_day_of_writing_is_marked():
    # rules-61: only such spans are kept out of a dispute; a span of an event is a figure like any other
    assert [f.elapsed for f in features("Hace ya dos años de la desaparición de los estudiantes.").figures] == [True]
    assert [f.elapsed for f in features("El alcalde lleva tres años en el cargo.").figures] == [True]
    assert [f.elapsed for f in features("Una huelga de cinco días cerró los comedores.").figures] == [False]
    assert [f.elapsed for f in features("A three-day strike ended two years ago.", "en").figures] == [False, True]
    # ... and how far back a record reaches, though no marker counts it from today
    assert [f.elapsed for f in features("El peso cerró su mejor semana en casi siete años.").figures] == [True]
    assert [f.elapsed for f in features("La nave se construyó en apenas tres años.").figures] == [False]
    # ... and a half after its unit is half a unit more
    assert [f.value for f in features("Condenado a dos años y medio de cárcel por el fraude.").figures] == [2.5]


def test_two_counts_of_the_wounded_or_two_magnitudes_conflict():
    assert _figures_in_dispute("Un suicida mata a ocho personas y hiere a 13 en la capital afgana.",
                               "Un atacante suicida mata a ocho personas y hiere a 30 en Kabul.")
    assert _figures_in_dispute("Un terremoto de magnitud 6.0 golpea el norte de Italia.",
                               "Un terremoto de magnitud 5,1 sacude el norte de Italia.")
    assert not _figures_in_dispute("Un terremoto de magnitud 6.0 golpea el norte de Italia.",
                                   "Un sismo de magnitud 6 sacude el norte de Italia.")
    # a bare "uno" after a killing is the count (rules-58), not the article it is elsewhere
    assert _figures_in_dispute("Un coche bomba mata a uno e hiere a cinco en Bengasi.",
                               "Un coche bomba deja dos muertos y cinco heridos en Bengasi.")
    assert not features("Uno de los heridos fue trasladado al hospital.").figures
    assert [(f.value, f.unit) for f in features("The bomber killed 22 people and wounded 40.", "en").figures] \
        == [(22, "death"), (40, "injured")]
    assert [(f.value, f.unit) for f in features("Two dozen patients were isolated.", "en").figures] == [(24, "patient")]


def test_a_percentage_written_in_words_is_one_figure():
    # "por ciento" is the unit: its "ciento" is no hundred of its own, which two claims would share
    assert [(f.value, f.unit) for f in features("El índice subió 8,79 puntos, o 0,96 por ciento, a 929,06.").figures] \
        == [(8.79, "punt"), (0.96, "%"), (929.06, "")]


def test_a_currency_sign_counts_as_its_noun():
    # "260 €" and "188 euros" count one thing; "12.500M€" is millions; "$" names no one currency
    def read(text: str) -> list[tuple[float, str]]:
        return [(f.value, f.unit) for f in features(text).figures]

    assert read("El precio marcó 260 € el megavatio hora.") == [(260.0, "eur")]
    assert read("Son 12.500M€ para los jóvenes.") == [(12_500_000_000.0, "eur")]
    # ... and so is an "M" before a currency's name ("537M de euros" is "537 millones de euros"); one
    # before anything else may be metres
    assert read("A Andalucía le corresponden 537M de euros del IVA.") == [(537_000_000.0, "eur")]
    assert read("Recibirá 77M de dólares.") == [(77_000_000.0, "dolar")]
    assert read("Un edificio de 100 m de altura.") == [(100.0, "m")]
    assert [(f.value, f.unit) for f in features("It got 4M of dollars.", "en").figures] == [(4_000_000.0, "dollar")]
    assert read("Costó £500 millones.") == [(500_000_000.0, "libr")]
    # rules-132: "un" before a currency's name after a word of price is one of it, no article
    assert read("El Santander compró el Banco Popular por un euro.") == [(1.0, "eur")]
    assert read("Un euro digital tendría curso legal.") == []
    # rules-131: a sign after "de", where a noun would be ("850 millones de € anuales")
    assert read("Se prevé una recaudación de 850 millones de € anuales.") == [(850_000_000.0, "eur")]
    assert read("Costó $500 millones.") == [(500_000_000.0, "")]
    # the sign's noun in the claim's own language
    assert [(f.value, f.unit) for f in features("It cost £500 million.", "en").figures] == [(500_000_000.0, "pound")]


def test_strip_frame_removes_attribution_and_keeps_denials():
    assert (strip_frame("Según la policía, 300 personas fueron evacuadas.").proposition
            == "300 personas fueron evacuadas")
    tail = strip_frame("El puente estará cerrado hasta mayo, dijo el consejero de Obras Públicas.")
    assert tail.proposition == "el puente estara cerrado hasta mayo" and not tail.denied
    denial = strip_frame("El portavoz negó que el ejército hubiera bombardeado la ciudad.")
    assert denial.denied and denial.proposition == "el ejercito hubiera bombardeado la ciudad"
    assert strip_frame("La ministra desmintió haber recibido regalos de la empresa.").denied


def test_a_reason_clause_after_a_statement_frames_nothing():
    """rules-99 (heldout89): "elevó a 15 años la condena ... al considerar que hubo violación" was read as a
    frame whose proposition was "hubo violación": the sentence and its figure were lost."""
    text = "El Tribunal Supremo elevó a 15 años de prisión la condena al considerar que hubo violación."
    reason = strip_frame(text)
    assert reason.proposition.startswith("el tribunal supremo elevo a 15 anos") and not reason.frame
    assert [f.value for f in features(text).figures] == [15]
    # (a verb of saying there still frames what was said)
    said = strip_frame("La diputada generó polémica en la Cámara al afirmar que el que tenga coche que lo mantenga.")
    assert said.proposition == "el que tenga coche que lo mantenga"


@pytest.mark.parametrize("text", [
    "Un trabajador fue asesinado por pedir a un negacionista que se ponga la mascarilla.",
    "Las negociaciones que lleva el Gobierno con Bruselas avanzan despacio.",
    "El negocio que montó el alcalde quebró en 2019.",
    "Los datos negativos que publicó el INE preocupan al Gobierno.",
])
def test_nouns_that_begin_like_negar_are_not_denying_frames(text: str):
    assert not strip_frame(text).denied and not features(text).denied_statement


def test_fixed_expressions_are_not_negations():
    assert not features("Sin embargo, el tribunal aceptó el recurso de la defensa.").denied
    assert not features("No solo subieron los precios, sino también los salarios.").denied
    assert features("Nadie resultó herido en el incendio.").denied


# ---------------------------------------------------------------------------------------------- compare


def test_compare_texts_with_the_fallback_claim():
    verdict = compare_texts("Ford cerró la fábrica en 2020.", "Ford no cerró la fábrica en 2020.", FakeEncoder())
    assert verdict.relation == Relation.CONTRADICTS
    assert "claim A" in verdict.reason or "claim B" in verdict.reason



def test_compare_reads_disguised_letters_as_the_cleaner_does():
    # "Fоrd" and "nо" with a Cyrillic "о": the rules see the same words and the negation, as in an added article.
    verdict = compare_texts("Fоrd cerró la fábrica en 2020.", "Ford nо cerró la fábrica en 2020.", FakeEncoder())
    assert verdict.relation == Relation.CONTRADICTS

def test_compare_texts_uses_the_extractor():
    class StubExtractor:
        def __init__(self):
            self.seen = []

        def extract(self, text, *, min_checkworthiness=0.5):
            self.seen.append(text)
            speaker = "Ana Pérez" if "negó" in text else "Luis Gómez"
            return [Claim(article_id="-", text=text, start=0, end=len(text), checkworthiness=0.8,
                          speaker=speaker, side=None, cue="negó" if "negó" in text else "dijo",
                          polarity=Polarity.DENIES if "negó" in text else Polarity.ASSERTS)]

    class OneTopicEncoder:
        """Any two texts at cosine 0.9: this test is about the extractor's wiring, not similarity."""

        name, dim, fingerprint = "one-topic", 2, "one-topic"

        def encode(self, texts):
            angle = np.arccos(0.9)
            return np.array([[1.0, 0.0], [np.cos(angle), np.sin(angle)]], dtype=np.float32)[: len(texts)]

    stub = StubExtractor()
    verdict = compare_texts("La alcaldesa negó que la piscina municipal vaya a cerrar en agosto.",
                            "La piscina municipal va a cerrar en agosto, dijo el concejal.", OneTopicEncoder(), stub)
    assert len(stub.seen) == 2
    assert verdict.relation == Relation.CONTRADICTS
    assert "Ana Pérez denies what Luis Gómez asserts" in verdict.reason


@pytest.mark.parametrize("a,b,message", [("", "algo", "first text is empty"), ("algo", "   ", "second text is empty"),
                                         ("x" * 100_000, "algo", "100000 characters")])
def test_compare_texts_rejects_bad_input(a, b, message):
    with pytest.raises(InputError, match=message):
        compare_texts(a, b, FakeEncoder())


def test_verdict_to_dict_is_json():
    verdict = compare_texts("Llueve en Bilbao.", "Llueve en Bilbao.", FakeEncoder())
    data = json.loads(json.dumps(verdict.to_dict()))
    assert data["relation"] == "repeats" and set(data) == {"relation", "score", "reason"}


def test_matching_imports_no_heavy_modules():
    code = ("import sys, verify.match, verify.evaluate; "
            "from verify.match import classify; from verify.judge import load_judge; load_judge(); "
            "heavy = [m for m in ('torch', 'sentence_transformers', 'transformers', 'textual', 'faiss', 'spacy') "
            "if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_extractor_denial_without_a_cue_in_the_sentence_counts():
    # The extractor saw the denial outside the sentence ("..., algo que la empresa negó"): polarity says it.
    a = claim("La empresa vertió residuos en el río Bogotá.", speaker="la empresa", side="Curtiembres del Sur",
              polarity=Polarity.DENIES)
    b = claim("La empresa vertió residuos tóxicos en el río Bogotá, según la fiscalía.", side="Fiscalía")
    verdict = classify(a, b, similarity=0.95)
    assert verdict.relation == Relation.CONTRADICTS
    assert verdict.reason.startswith("Curtiembres del Sur (la empresa) denies what Fiscalía asserts")


def test_recall_thresholds_accept_paraphrased_short_denials():
    from verify.match.rules import RECALL_THRESHOLDS

    a = claim("Empecé a hablar con mi hermano otra vez después de la boda.")
    b = claim("Nunca volví a dirigirle la palabra.")
    assert classify(a, b, similarity=0.88).relation != Relation.CONTRADICTS  # nothing negated is shared
    assert classify(a, b, similarity=0.88, thresholds=RECALL_THRESHOLDS).relation == Relation.CONTRADICTS


def test_extractor_denial_label_does_not_override_the_sentences_own_negation_scope():
    # The extractor labels the sentence DENIES because of "no" in a side clause; what is denied
    # (giving details) is not what the other claim states (the bridge was opened).
    a = claim("El alcalde, que no quiso dar detalles, inauguró el puente de Triana.", polarity=Polarity.DENIES)
    b = claim("El alcalde inauguró el puente de Triana.")
    assert classify(a, b, similarity=0.95).relation != Relation.CONTRADICTS


# ---------------------------------------------------------------------------------------------- same proposition
# Same-story news sentences reach cosines of 0.85-0.92 with e5-small whatever they say, so these use
# 0.9: only the proposition (predicate and arguments) decides.


def test_denial_of_another_predicate_in_the_same_story_is_not_a_contradiction():
    denial = claim("El portavoz dijo que Moscú no apoyaba a Haftar.", speaker="Peskov", side="Kremlin")
    for other in ("Haftar ha visitado Moscú por tercera vez desde verano.",
                  "Moscú está en contacto con los representantes libios y con Haftar."):
        verdict = classify(denial, claim(other), similarity=0.9)
        assert verdict.relation != Relation.CONTRADICTS, (other, verdict.reason)


def test_denial_needs_the_same_subject():
    denial = claim("Moscú no apoyaba a Haftar.")
    other = claim("Haftar ha recibido el apoyo de Egipto y de los Emiratos.")
    assert classify(denial, other, similarity=0.9).relation != Relation.CONTRADICTS


def test_denial_meets_a_near_synonym_predicate_of_the_same_arguments():
    denial = claim("El portavoz del Kremlin, Dmitry Peskov, dijo a los periodistas que Rusia no estaba "
                   "respaldando a Haftar en su intento de apoderarse de Libia.")
    accusation = claim("Rusia ha sido acusada de enviar agentes para apoyar a una facción armada en Libia.")
    verdict = classify(denial, accusation, similarity=0.88)
    assert verdict.relation == Relation.CONTRADICTS
    assert '"no" respaldando' in verdict.reason


def test_a_denied_event_contradicts_the_claim_that_it_happened_to_the_same_one():
    """"desmintió la muerte de X" denies that X died (rules-46): the event's noun is the predicate and what
    follows it the subject; another person's death, or a decision ("rechazó la venta"), is no conflict."""
    denial = claim("La Iglesia copta desmintió el fallecimiento del papa Shenuda III y aseguró que el patriarca "
                   "se recupera en el hospital.")
    verdict = classify(claim("El papa copto de Egipto, Shenuda III, muere a los 88 años."), denial, similarity=0.9)
    assert verdict.relation == Relation.CONTRADICTS
    assert '"desmintió" fallecimiento' in verdict.reason
    other = claim("El patriarca ortodoxo de Moscú, Alejo II, muere a los 79 años.")
    assert classify(other, denial, similarity=0.9).relation != Relation.CONTRADICTS
    rumours = claim("El agente de Kathryn Joosten desmintió los rumores sobre su muerte: «Está en casa».")
    assert classify(claim("La actriz Kathryn Joosten muere a los 72 años."), rumours,
                    similarity=0.9).relation == Relation.CONTRADICTS
    decision = claim("El Gobierno rechazó la venta de la aerolínea a un fondo chino.")
    sold = claim("El Gobierno vendió la aerolínea a un fondo chino.")
    assert classify(sold, decision, similarity=0.9).relation != Relation.CONTRADICTS


def test_a_denied_rescue_or_withdrawal_is_a_denied_event_and_its_count_in_words_names_no_one():
    """rules-60: "el rescate", "su retirada" are events a denial denies; "los tres montañeros" and "3
    montañeros" are the same subject, the number a count the figures compare."""
    denial = claim("La guerrilla desmintió el rescate de los tres montañeros y aseguró que siguen en su poder.")
    rescued = claim("El ejército: 3 montañeros rescatados de la guerrilla en la sierra")
    verdict = classify(rescued, denial, similarity=0.9)
    assert verdict.relation == Relation.CONTRADICTS, verdict.reason
    assert '"desmintió" rescate' in verdict.reason
    retiring = claim("La presidenta del Tribunal Constitucional se retirará el próximo año.")
    denies = claim("La presidenta del Tribunal Constitucional desmintió los rumores sobre su retirada.")
    assert classify(retiring, denies, similarity=0.9).relation == Relation.CONTRADICTS


def test_a_plain_no_said_by_a_named_speaker_is_a_denial_of_its_unnamed_subject():
    """rules-61: "el capitán no ha sido arrestado, precisó la guardia costera" is what the coast guard
    states; the same "no" in narration ("la gente no entendía ...") still needs a name."""
    said = claim("No, el capitán del pesquero gallego no ha sido detenido, precisó la Guardia Civil, que lo "
                 "interroga como testigo.", speaker="la Guardia Civil")
    stated = claim("El capitán del pesquero gallego fue detenido tras el naufragio.")
    verdict = classify(stated, said, similarity=0.9)
    assert verdict.relation == Relation.CONTRADICTS, verdict.reason
    narrated = claim("En el puerto, el capitán del pesquero gallego no ha sido detenido por nadie durante la "
                     "protesta de los marineros.")
    assert classify(stated, narrated, similarity=0.9).relation != Relation.CONTRADICTS


def test_not_visiting_someone_is_not_denied_by_meeting_their_family():
    # rules-62: visiting a person or a place is no meeting ("visitar" left the group of "reunir")
    denial = claim("El Rey no visitará a la presidenta en el hospital para no perturbar su recuperación.")
    meeting = claim("El Rey se reúne con la familia de la presidenta mientras ella sigue en el hospital.")
    assert classify(meeting, denial, similarity=0.9).relation != Relation.CONTRADICTS


def test_a_light_verbs_noun_or_an_intention_says_what_is_denied():
    """rules-67: "no ha dado su apoyo a" denies "apoya"; "no tiene ninguna intención de dimitir" denies
    "renunciará"; where the claim names who speaks, as a denial does."""
    support = claim("El Senado de Chile apoya la reforma fiscal del Gobierno.")
    given = claim('"El Senado de Chile no ha dado su apoyo a la reforma fiscal", aseguró un senador de la oposición.',
                  speaker="un senador de la oposición")
    verdict = classify(support, given, similarity=0.9)
    assert verdict.relation == Relation.CONTRADICTS, verdict.reason
    leaving = claim("El director del Museo del Prado renunciará a su cargo.")
    staying = claim('"Nuestro director no tiene ninguna intención de dimitir", aseguró un portavoz del '
                    'Museo del Prado.', speaker="un portavoz del Museo del Prado")
    verdict = classify(leaving, staying, similarity=0.9)
    assert verdict.relation == Relation.CONTRADICTS, verdict.reason
    # the light verb's noun is the predicate, and the subject must still be the same
    other = claim("El Congreso de Perú apoya la reforma fiscal del Gobierno.")
    assert classify(other, given, similarity=0.9).relation != Relation.CONTRADICTS
    # an intention noun is passed over only after the negation: "su Plan de choque no ..." is the subject
    planned = claim("Su Plan de choque no disminuyó las listas de espera de la sanidad madrileña.")
    reduced = claim("El Plan de choque logró reducir las listas de espera de la sanidad madrileña.")
    assert classify(reduced, planned, similarity=0.9).relation == Relation.CONTRADICTS


def test_winner_and_loser_swapped_contradict():
    """rules-67: the same two sides of one contest, swapped (`verify.match.contests`), in the active, the
    passive ("fue derrotado por") or with a losing verb ("cae ante"); not the same outcome reworded, a
    negated one, or two meetings that share nothing but the names."""
    won = claim("Alcaraz derrota a Sinner en la final de Roland Garros.")
    for swapped in ("Sinner se impuso a Alcaraz en la final de Roland Garros.",
                    "Alcaraz fue derrotado por Sinner en la final de Roland Garros.",
                    "Alcaraz cae ante Sinner en la final de Roland Garros."):
        verdict = classify(won, claim(swapped), similarity=0.93)
        assert verdict.relation == Relation.CONTRADICTS, (swapped, verdict.reason)
        assert "opposite winners" in verdict.reason
    english = classify(claim("Alcaraz beats Sinner in the Roland Garros final.", language="en"),
                       claim("Sinner defeated Alcaraz in the Roland Garros final.", language="en"), similarity=0.93)
    assert english.relation == Relation.CONTRADICTS, english.reason
    for same in ("Alcaraz se impone a Sinner en la final de Roland Garros.",
                 "Sinner fue derrotado por Alcaraz en la final de Roland Garros.",
                 "Sinner no pudo vencer a Alcaraz en la final de Roland Garros."):
        assert classify(won, claim(same), similarity=0.93).relation != Relation.CONTRADICTS, same
    assert evidence(features("Alcaraz derrota a Sinner."), features("Sinner vence a Alcaraz en Roma."),
                    0.9).reversed_contest is None
    # rules-131: ... but a contest that decides, named in each (two names of one: "segunda vuelta",
    # "balotaje"), is played once, whatever else the two share
    kuczynski = features("Pedro Pablo Kuczynski derrotó a Keiko Fujimori en la segunda vuelta.")
    runoff = features("Keiko Fujimori se impuso a Kuczynski en el balotaje por una estrecha diferencia.")
    assert evidence(kuczynski, runoff, 0.94).reversed_contest is not None
    debate = features("Keiko Fujimori se impuso a Kuczynski en un debate televisado.")
    assert evidence(kuczynski, debate, 0.94).reversed_contest is None
    # a winning verb with no side after it is no contest; a headline's section is no part of a name
    assert contests("La UE impone sanciones a Rusia por la guerra.") == ()
    assert [c.winner for c in contests("Tenis: Nadal derrota a Djokovic")] == [{"nadal"}]
    assert [c.loser for c in contests("Los Tigres derrotaron 2-0 a los Medias Rojas")] == [{"medias", "rojas"}]
    # leading is winning so far (rules-69)
    assert [c.winner for c in contests("Bustamante aventaja a Schwarzenegger en la encuesta")] == [{"bustamante"}]


def test_a_date_in_one_claim_only_is_no_count_beside_its_other_figure():
    """rules-76 (heldout62): "aprobó el 30 de diciembre ... hasta la semana 14" holds one count besides
    its date; against "hasta la semana 12" it is the count in dispute, the date none. Read so, a date
    no longer kept "233.000 votantes" from disputing "52 escaños": two nouns a hundred times apart."""
    assert _figures_in_dispute(
        "El Senado argentino aprobó el 30 de diciembre de 2020 la legalización del aborto hasta la semana 14.",
        "La ley aprobada por el Senado argentino en 2020 permite el aborto libre hasta la semana 12 de embarazo.")
    # ... and two counts of two nouns a hundred times apart are two quantities, a date beside one or not
    assert not _figures_in_dispute("233.000 votantes del PSOE se pasaron a Vox.",
                                   "Vox fue la tercera fuerza del Congreso, con 52 escaños, el 10 de noviembre.")


def test_a_tally_of_votes_or_seats_is_written_exactly():
    """rules-78 (heldout63): "180 votos a favor" against "176 votos" and "70" against "72 votos a favor"
    are two tallies, not one rounded; a death toll may still round ("unos 200" agrees with 191)."""
    assert _figures_in_dispute("El Parlament aprobó la declaración el 27 de octubre con 70 votos a favor.",
                               "La declaración salió adelante en el Parlament el 27 de octubre con 72 votos a favor.")
    assert _figures_in_dispute("El PP logró 137 escaños en las elecciones generales.",
                               "El PP obtuvo 134 escaños en las elecciones generales.")
    assert not _figures_in_dispute("Los atentados de Madrid causaron 191 muertos.",
                                   "Los atentados de Madrid dejaron 200 muertos.")


def test_a_death_caused_is_a_toll_and_the_year_of_a_date_counts_nothing_after_it():
    """rules-79 (heldout64): "causó la muerte de 14 personas" counts the dead as "14 muertos" does, and
    "en mayo de 2011 causó ..." is a year, not a count of what follows it ("caus"): the two tolls of one
    earthquake were no dispute."""
    assert [(f.value, f.unit) for f in features("En mayo de 2011 el seísmo causó la muerte de 14 personas.").figures] \
        == [(2011, "year"), (14, "death")]
    assert [(f.value, f.unit) for f in features("The fire caused the death of 14 people.", "en").figures] \
        == [(14, "death")]
    assert _figures_in_dispute("El terremoto de Murcia dejó nueve muertos y centenares de casas dañadas en mayo.",
                               "El terremoto de Murcia provocó la muerte de 14 personas en mayo.")
    # a bare four-digit number after no month is still what it counts
    assert [(f.value, f.unit) for f in features("La empresa despidió a 1500 trabajadores.").figures] \
        == [(1500, "trabaj")]


def test_a_denials_subject_written_as_initials_is_named():
    """rules-79 (heldout65): "El PP no ha pagado nunca en negro ..." denies what "El Partido Popular pagó
    con dinero negro ..." states: the initials name the party (`verify.match.names`); other initials do not."""
    stated = features("Según el juez, el Partido Popular pagó con dinero negro la reforma de su sede.")
    denied = features("La tesorera aseguró que el PP no ha pagado nunca en negro la reforma de su sede.")
    assert evidence(stated, denied, 0.9).stance_conflict
    other = features("La tesorera aseguró que el PNV no ha pagado nunca en negro la reforma de su sede.")
    assert not evidence(stated, other, 0.9).stance_conflict


def test_superar_and_batir_win():
    """rules-80 (heldout66): "se llevó la Copa ... tras superar al Betis" names the winner the sentence
    opens with and the loser after "superar", as "vencer" does (and, from rules-91, the Copa taken is
    the Valencia's win besides: alone until rules-107, over the Betis since, "al Betis" a far link)."""
    assert [(c.winner, c.loser) for c in contests(
        "El Valencia se llevó la Copa en La Cartuja tras superar al Betis en la tanda de penaltis.")] \
        == [({"valencia"}, {"betis"}), ({"valencia"}, {"betis"})]
    assert [(c.winner, c.loser) for c in contests("Osasuna logró el ascenso tras batir al Girona.")] \
        == [({"osasuna"}, {"girona"})]
    # rules-106 (heldout96): a phrase of place of five words before the loser
    assert [(c.winner, c.loser) for c in contests(
        "El Sevilla levantó la Europa League tras vencer en la tanda de penaltis a la Roma.")] \
        == [({"sevilla"}, {"roma"})]
    # rules-107 (heldout97): "al" after what was won names who lost; a far link naming no one ("al
    # final de noviembre") is passed over for the next
    assert [(c.winner, c.loser) for c in contests("El Betis ganó la Copa del Rey de 2022 al Valencia en La Cartuja.")] \
        == [({"betis"}, {"valencia"})]
    assert [(c.winner, c.loser) for c in contests("Macri ganó el balotaje al final de noviembre frente a Scioli.")] \
        == [({"macri"}, {"scioli"})]
    # rules-108 (heldout98): no name right before the winning verb nearest "al vencer" ("en ganar"): the
    # winner is the name the sentence opens with
    assert [(c.winner, c.loser) for c in contests(
        "Liga de Quito fue el primer club ecuatoriano en ganar la Copa Libertadores, al vencer a Fluminense.")] \
        == [({"liga", "quito"}, {"fluminense"})]
    # rules-110 (heldout100): an apposition between the winner and its verb; the winner is the name the
    # sentence opens with
    assert [(c.winner, c.loser) for c in contests(
        "El Alcorcón, de Segunda B, goleó 4-0 al Real Madrid en la ida de los dieciseisavos.")] \
        == [({"alcorcon"}, {"real", "madrid"})]
    # rules-116 (heldout107): "conquistó" wins a prize, and who lost past a far link
    assert [(c.winner, c.loser) for c in contests("El Real Madrid conquistó la Copa del Rey ante el Deportivo.")] \
        == [({"real", "madrid"}, {"deportivo"})]
    assert [c.loser for c in contests("El Real Madrid conquistó a la afición con su juego.")] == [frozenset()]
    # rules-117 (heldout108): the winner's demonym before its verb, a shoot-out after "por" (no agent)
    assert [(c.winner, c.loser) for c in contests(
        "El Once Caldas colombiano ganó la Copa al vencer por penales a Boca Juniors en Manizales.")] \
        == [({"once", "caldas"}, frozenset())] + [({"once", "caldas"}, {"boca", "juniors"})]


def test_a_win_told_as_how_a_title_was_won_decides_it():
    """rules-111 (heldout101): "conquistó su segunda Copa Libertadores tras vencer a Independiente del
    Valle" tells the match that decided the cup, so Independiente del Valle's title "al ganar la final"
    swaps its winners; a win told alone ("se impuso al Madrid en un partido de Liga") decides nothing."""
    won = "El Atlético Nacional conquistó su segunda Copa Libertadores tras vencer a Independiente del Valle."
    # (since rules-116 "conquistó" wins a prize too, who lost unnamed: the title won, alone)
    assert [(c.winner, c.loser, c.decides) for c in contests(won)] \
        == [({"atletico", "nacional"}, frozenset(), False),
            ({"atletico", "nacional"}, {"independiente", "valle"}, True)]
    assert [c.decides for c in contests("El Girona se impuso al Madrid en un partido de Liga.")] == [False]
    found = evidence(features(won), features("Independiente del Valle se proclamó campeón de la Copa Libertadores "
                                             "al ganar la final en Medellín."), 0.95)
    assert found.reversed_contest is not None


def test_a_win_and_the_losers_loss_are_one_outcome_told_by_each_side():
    """rules-129 (heldout135): "El Real Madrid venció a Osasuna" and "Osasuna ... perdió" tell one outcome,
    the loser's side in the second, no opposite directions; a loss of the winner named is one still."""
    won = claim("El Real Madrid venció 2-1 a Osasuna en la final de la Copa del Rey en La Cartuja.")
    lost = classify(won, claim("Osasuna perdió la final de la Copa del Rey en La Cartuja."), similarity=0.95)
    assert lost.relation != Relation.CONTRADICTS and "opposite" not in lost.reason, lost.reason
    winner_lost = classify(won, claim("El Real Madrid perdió la final de la Copa del Rey en La Cartuja."),
                           similarity=0.95)
    assert winner_lost.relation == Relation.CONTRADICTS and "opposite directions" in winner_lost.reason


def test_a_loss_names_its_winner_past_a_far_link():
    """rules-97 (heldout86): "perdió la final de la Copa del Rey de 2023 ante el Real Madrid" names the
    winner past what was lost, as "ganó el balotaje ... frente a Scioli" names the loser; against the
    other claim's win over the Real Madrid, winners swapped."""
    lost = "Osasuna perdió la final de la Copa del Rey de 2023 ante el Real Madrid por 2-1 en La Cartuja."
    assert [(c.winner, c.loser) for c in contests(lost)] == [({"real", "madrid"}, {"osasuna"})]
    verdict = classify(claim(lost), claim("Osasuna conquistó la Copa del Rey de 2023 al derrotar al Real Madrid "
                                          "por 2-1 en La Cartuja."), similarity=0.98)
    assert verdict.relation == Relation.CONTRADICTS and "opposite winners" in verdict.reason
    # (a loss of something no name stands after is no contest)
    assert contests("Osasuna perdió la final de la Copa del Rey ante la mirada de su afición.") == ()


def test_a_tally_qualified_between_its_noun_and_what_it_counts_counts_it():
    """rules-110 (heldout100): "cifró en 43 el número total de muertos" counts the dead, as "el número de
    muertos" does: against "más de 300 muertos", a figure in dispute."""
    assert [(f.value, f.unit) for f in features("La Cruz Roja cifró en 43 el número total de muertos.").figures] \
        == [(43, "death")]
    assert [(f.value, f.unit) for f in features("El balance oficial de muertos se sitúa en 300.").figures] \
        == [(300, "death")]
    assert _figures_in_dispute("La avalancha de Mocoa dejó más de 300 muertos en abril de 2017.",
                               "La Cruz Roja cifró en 43 el número total de muertos por la avalancha de Mocoa.")


def test_two_counts_of_one_noun_left_over_by_a_count_both_give_are_in_dispute():
    """rules-110: a value both claims give ties them to one story, and the one count each gives besides
    is in dispute (for the judge) under one noun, or none, as it was under two; the same two values in
    each are none."""
    assert _figures_in_dispute("El índice de confianza subió de 10,6 en mayo a 26,8 en junio.",
                               "El índice de confianza pasó de 10,6 en mayo a 18,2 en junio.")
    assert not _figures_in_dispute("El índice de confianza subió de 10,6 en mayo a 18,2 en junio.",
                                   "El índice de confianza pasó de 10,6 en mayo a 18,2 en junio.")


def test_a_day_of_a_month_is_no_count_named_after_another_counts_noun():
    """rules-111 (heldout101): "65 mineros en febrero" and "del 19 de febrero": the month after the miners
    is no noun the 19 counts (a day of it, no count of miners)."""
    assert not _figures_in_dispute("Una explosión en la mina dejó atrapados a 65 mineros en febrero de 2006.",
                                   "Los 65 trabajadores quedaron sepultados tras la explosión del 19 de febrero.")


def test_a_year_written_with_an_article_and_a_shorter_span_joined_is_one_span():
    """rules-113 (heldout102): "casi un año y siete meses" is a year and seven months, about 580 days (read
    alone, the seven months met the 580 days as a conflict); "un año" alone is still no figure."""
    assert [(f.value, f.unit) for f in features("Salió de la cárcel después de casi un año y siete meses.").figures] \
        == [(1.58, "ano")]
    assert features("Lleva un año en prisión.").figures == ()
    assert not _figures_in_dispute("Lula salió de prisión tras pasar 580 días encarcelado en Curitiba.",
                                   "Lula abandonó la cárcel de Curitiba después de casi un año y siete meses.")


def test_a_magnitude_of_a_figure_is_measured_as_one_right_after_it():
    """rules-73 (heldout61): "una magnitud de 8,2" measures as "de magnitud 8,2" does."""
    assert _figures_in_dispute("Un sismo de magnitud 7,1 sacudió el centro de México el 19 de septiembre.",
                               "El terremoto del 19 de septiembre tuvo una magnitud de 8,2, según los sismólogos.")
    assert [(f.value, f.unit) for f in features("The quake had a magnitude of 7.1.", "en").figures] \
        == [(7.1, "magnitud")]


def test_a_winner_after_al_and_a_loser_after_a_phrase_of_place_are_read():
    """rules-73 (heldout61): "ganó ... al derrotar en la final al noruego Casper Ruud" names the winner
    before the first winning verb and the loser past a phrase of place and an adjective; "goleó" wins."""
    assert ({"rafael", "nadal"}, {"casper", "ruud"}) in [(c.winner, c.loser) for c in contests(
        "Rafael Nadal ganó en 2022 su decimocuarto Roland Garros al derrotar en la final al noruego Casper Ruud.")]
    assert [(c.winner, c.loser) for c in contests("Alcaraz venció en la final a Sinner.")] \
        == [({"alcaraz"}, {"sinner"})]
    assert [(c.winner, c.loser) for c in contests("España goleó 4-0 a Italia en Kiev.")] == [({"espana"}, {"italia"})]
    assert ({"madrid"}, {"barcelona"}) in [(c.winner, c.loser) for c in contests(
        "El Madrid ganó la Liga tras derrotar al Barcelona.")]
    won = claim("Rafael Nadal ganó en 2022 su Roland Garros al derrotar en la final al noruego Casper Ruud.")
    lost = claim("Ruud derrotó a Nadal en la final de Roland Garros y conquistó su primer título de Grand Slam.")
    verdict = classify(won, lost, similarity=0.93)
    assert verdict.relation == Relation.CONTRADICTS and "opposite winners" in verdict.reason, verdict.reason
    # "al derrotar" with no winning verb before it names no winner
    assert contests("Al derrotar a Ruud, la afición celebró en París.") == ()
    # rules-76 (heldout62): else the name the sentence opens with wins, past an article and a noun it
    # belongs to, not a capitalised function word; two sides that share a word are told apart by the rest
    assert [(c.winner, c.loser) for c in contests(
        "La selección de Marruecos alcanzó las semifinales de Catar tras eliminar a Portugal.")] \
        == [({"marruecos"}, {"portugal"})]
    assert [(c.winner, c.loser) for c in contests(
        "El Real Madrid conquistó su décima Copa de Europa al vencer 4-1 al Atlético de Madrid.")] \
        == [({"real"}, {"atletico"})] * 2  # (the prize, rules-116, and the match it was won in)
    assert [(c.winner, c.loser) for c in contests("Francia revalidó el título al imponerse a la Argentina de Messi.")] \
        == [({"francia"}, {"argentina", "messi"})]
    assert contests("Según la prensa, el equipo celebró tras vencer a Francia.") == ()
    # rules-77 (heldout62): the loser after what was won, past "frente a" in the same clause
    assert [(c.winner, c.loser) for c in contests(
        "Mauricio Macri ganó el balotaje de noviembre de 2015 frente a Daniel Scioli.")] \
        == [({"mauricio", "macri"}, {"daniel", "scioli"})]
    assert [(c.winner, c.loser) for c in contests(
        "Lula ganó la segunda vuelta con el 50,9 % de los votos frente a Jair Bolsonaro.")] \
        == [({"lula"}, {"jair", "bolsonaro"})]
    assert [(c.winner, c.loser) for c in contests(
        "El PP ganó las elecciones, frente a lo que decían las encuestas de Sánchez.")] == [({"pp"}, frozenset())]
    madrid = classify(claim("El Real Madrid conquistó su décima Copa de Europa al vencer 4-1 al Atlético de Madrid "
                            "en la final de Lisboa."),
                      claim("El Atlético de Madrid se llevó su primera Champions al derrotar al Real Madrid en la "
                            "final de Lisboa."), similarity=0.94)
    assert madrid.relation == Relation.CONTRADICTS and "opposite winners" in madrid.reason, madrid.reason


def test_a_winner_alone_against_that_winner_beaten_contradicts():
    """rules-84 (heldout70): "Gustavo Petro ganó la segunda vuelta" names a winner and no loser; against
    "Rodolfo Hernández se impuso a Petro en la segunda vuelta" the winner lost. What "ganó" takes with an
    article is what was won ("la Copa del Rey"), not who lost; "por 4-0" is a score, not a passive's agent."""
    won = claim("Gustavo Petro ganó la segunda vuelta en Colombia el 19 de junio de 2022.")
    lost = claim("Rodolfo Hernández se impuso a Petro en la segunda vuelta del 19 de junio de 2022.")
    verdict = classify(won, lost, similarity=0.95)
    assert verdict.relation == Relation.CONTRADICTS and "opposite winners" in verdict.reason, verdict.reason
    assert [(c.winner, c.loser) for c in contests("La Real Sociedad ganó la Copa del Rey en La Cartuja.")] \
        == [({"real", "sociedad"}, frozenset())]
    assert [(c.winner, c.loser) for c in contests("El Sevilla goleó por 4-0 al Middlesbrough en Eindhoven.")] \
        == [({"sevilla"}, {"middlesbrough"})]
    # the same winner, two winners alone, or nothing shared but the names: no dispute
    beaten = claim("Petro se impuso a Rodolfo Hernández en la segunda vuelta del 19 de junio de 2022.")
    assert classify(won, beaten, similarity=0.95).relation != Relation.CONTRADICTS
    assert evidence(features("Gustavo Petro ganó la segunda vuelta en Colombia."),
                    features("Rodolfo Hernández ganó la segunda vuelta en Colombia."), 0.9).reversed_contest is None
    assert evidence(features("Gustavo Petro ganó."), features("Rodolfo Hernández se impuso a Petro."),
                    0.9).reversed_contest is None
    # ... nor a league won against a match of it lost: only a contest that decides ("la final", "la
    # segunda vuelta") has one winner
    assert evidence(features("El Real Madrid ganó la Liga en la temporada 2023-24."),
                    features("El Girona se impuso al Real Madrid en un partido de Liga de la temporada 2023-24."),
                    0.95).reversed_contest is None
    assert evidence(features("El Real Madrid ganó la final de la Liga en la temporada 2023-24."),
                    features("El Girona se impuso al Real Madrid en la final de la Liga de la temporada 2023-24."),
                    0.95).reversed_contest is not None


def test_two_prison_terms_of_two_convicts_are_no_dispute():
    """rules-85 (heldout71): "Isabel Pantoja ... dos años de prisión" and "Juan Antonio Roca ... 11 años de
    prisión" are two sentences of one trial: a prison term is one convict's, not in dispute where each
    claim names someone the other does not. "Revocó la absolución" states no absolution."""
    assert not _figures_in_dispute(
        "La Audiencia de Málaga condenó a Isabel Pantoja a dos años de prisión en el caso Malaya.",
        "Juan Antonio Roca fue condenado a 11 años de prisión en el caso Malaya.")
    assert _figures_in_dispute("La Audiencia condenó a Luis Bárcenas a 33 años de prisión en el caso Gürtel.",
                               "La Audiencia condenó a Luis Bárcenas a 29 años de prisión en el caso Gürtel.")
    convicted = claim("El Tribunal Supremo condenó al capitán del Prestige a dos años de prisión.")
    appeal = claim("El Tribunal Supremo revocó la absolución y castigó con dos años de cárcel al capitán del Prestige.")
    assert classify(convicted, appeal, similarity=0.92).relation != Relation.CONTRADICTS


def test_a_court_or_a_prosecutor_is_no_second_convict():
    """rules-89 (heldout76): the prison-term gate (rules-85) counts the people each claim names apart
    from the other, as the extractor tells them (entity kind PER): the court that sentenced and the
    prosecutor who asked for more are no second convict. Claims that come with no entities are read as
    before, every name a possible convict."""
    supremo = claim("El Tribunal Supremo condenó a Oriol Junqueras a 13 años de prisión por sedición.",
                    entities=[Entity("Tribunal Supremo", "Tribunal Supremo", "ORG"),
                              Entity("Oriol Junqueras", "Oriol Junqueras", "PER")])
    fiscalia = claim("Junqueras fue condenado a 25 años de cárcel por rebelión, la pena que pedía la Fiscalía.",
                     entities=[Entity("Junqueras", "Oriol Junqueras", "PER"), Entity("Fiscalía", "Fiscalía", "ORG")])
    found = evidence(claim_features(supremo), claim_features(fiscalia), 0.92)
    assert found.figure_conflict is not None or found.figure_disputed is not None, found
    pantoja = claim("La Audiencia de Málaga condenó a Isabel Pantoja a dos años de prisión en el caso Malaya.",
                    entities=[Entity("Audiencia de Málaga", "Audiencia de Málaga", "ORG"),
                              Entity("Isabel Pantoja", "Isabel Pantoja", "PER")])
    roca = claim("Juan Antonio Roca fue condenado a 11 años de prisión en el caso Malaya.",
                 entities=[Entity("Juan Antonio Roca", "Juan Antonio Roca", "PER")])
    found = evidence(claim_features(pantoja), claim_features(roca), 0.92)
    assert found.figure_conflict is None and found.figure_disputed is None, found
    assert claim_features(fiscalia).persons == {"oriol junqueras"} and features(fiscalia.text).persons is None
    # rules-100 (heldout90): nor is a prosecutor named as one ("el fiscal Diego Luciani")
    cristina = "Cristina Fernández de Kirchner"
    tribunal = claim(f"El Tribunal Oral Federal condenó a {cristina} a seis años de prisión en la causa Vialidad.",
                     entities=[Entity("Tribunal Oral Federal", "Tribunal Oral Federal", "ORG"),
                               Entity(cristina, cristina, "PER")])
    luciani = claim("La vicepresidenta fue condenada a doce años de cárcel en la causa Vialidad, la pena que pedía el"
                    " fiscal Diego Luciani.", entities=[Entity("Diego Luciani", "Diego Luciani", "PER")])
    found = evidence(claim_features(tribunal), claim_features(luciani), 0.92)
    assert found.figure_conflict is not None or found.figure_disputed is not None, found


def test_a_sentence_and_its_appeal_in_two_courts_are_no_dispute():
    """rules-136 (heldout155): a prison term the Audiencia gave and the one the Supremo left after appeal are
    two rulings of one case, not one in dispute, where each claim names a court the other never does; the
    same court named two ways ("El Tribunal Supremo" / "El Supremo") is one. A term worded as "una pena de"
    is a prison term too, one convict's: two convicts' terms are no dispute."""
    assert not _figures_in_dispute(
        "La Audiencia de Palma condenó a Iñaki Urdangarin a seis años y tres meses de prisión en el caso Nóos.",
        "El Supremo rebajó después la condena de Urdangarin a cinco años y diez meses de prisión.")
    assert _figures_in_dispute(
        "El Tribunal Supremo rebajó a cinco años y diez meses de prisión la condena de Iñaki Urdangarin.",
        "El Supremo fijó en seis años y tres meses de prisión la condena de Urdangarin.")
    assert not _figures_in_dispute(
        "El Tribunal Supremo condenó a Oriol Junqueras a 13 años de prisión por sedición y malversación.",
        "Carme Forcadell recibió una pena de once años y medio por sedición, según la misma sentencia del Supremo.")
    assert _figures_in_dispute(
        "El Tribunal Supremo condenó a Oriol Junqueras a 13 años de prisión por sedición y malversación.",
        "Oriol Junqueras recibió una pena de once años y medio por sedición, según la sentencia del Supremo.")


def test_two_magnitudes_far_apart_are_two_quakes():
    """rules-136 (heldout152, heldout155): one quake's magnitude is disputed by a unit or two (7,8 / 6,2);
    7,1 against 4,3 are two quakes, whatever words they share."""
    assert not _figures_in_dispute(
        "Un sismo de magnitud 7,1 sacudió el centro de México el 19 de septiembre de 2017.",
        "El Servicio Sismológico Nacional registró un sismo de magnitud 4,3 con epicentro en Oaxaca.")
    assert _figures_in_dispute(
        "Un terremoto de magnitud 7,8 sacudió la costa de Ecuador el 16 de abril de 2016.",
        "El terremoto de magnitud 6,2 del 16 de abril de 2016 sacudió la costa de Ecuador.")


def test_a_winner_alone_against_that_winner_beaten_in_two_names_of_one_deciding_contest():
    """rules-89 (heldout76): "ganó la segunda vuelta ... frente a Lacalle" and "Lacalle se impuso en el
    balotaje" name one contest that decides in two words; each claim must name one (a debate is none)."""
    won = claim("José Mujica ganó la segunda vuelta de las elecciones uruguayas de 2009 frente a Luis Alberto Lacalle.")
    lost = claim("El expresidente Luis Alberto Lacalle se impuso en el balotaje uruguayo de 2009.")
    verdict = classify(won, lost, similarity=0.92)
    assert verdict.relation == Relation.CONTRADICTS and "opposite winners" in verdict.reason, verdict.reason
    assert evidence(features(won.text),
                    features("El expresidente Luis Alberto Lacalle se impuso en el debate uruguayo de 2009."),
                    0.92).reversed_contest is None


def test_a_winner_named_once_beats_whom_a_coordinated_verb_names():
    """rules-124: "ganó la segunda vuelta ... y derrotó a Petro" is the first verb's winner beating Petro,
    against "Petro ganó la segunda vuelta"; and the loser past a far link and a share of the vote
    ("frente al 44,3 % de ...") is read."""
    won = claim("Álvaro Uribe ganó la segunda vuelta presidencial de Colombia con el 53 % de los votos.")
    beaten = claim("Horacio Serpa ganó la segunda vuelta presidencial de Colombia y derrotó a Álvaro Uribe por poco.")
    verdict = classify(won, beaten, similarity=0.93)
    assert verdict.relation == Relation.CONTRADICTS and "opposite winners" in verdict.reason, verdict.reason
    assert [(c.winner, c.loser) for c in contests(
        "Mauricio Macri ganó el balotaje con el 51,3 % de los votos frente al 48,7 % de Daniel Scioli.")] \
        == [({"mauricio", "macri"}, {"daniel", "scioli"})]
    assert [(c.winner, c.loser) for c in contests(
        "Lula topped the runoff with 50.9 % against 49.1 % for Jair Bolsonaro.", "en")] \
        == [({"lula"}, {"jair", "bolsonaro"})]
    # two sentences: the second verb's winner is not the first's
    assert [(c.winner, c.loser) for c in contests(
        "Macri ganó el balotaje de 2015. Luego la oposición creció y venció a Macri en 2019.")] \
        == [({"macri"}, frozenset())]


def test_a_prize_taken_names_its_loser_past_a_far_link_only():
    """rules-91 (heldout78): "se llevó la final ... ante la Real Sociedad" is a final won against the Real
    Sociedad, swapped against the Real Sociedad beating the Athletic in it; "se llevó a" takes someone
    along, beats no one."""
    won = claim("La Real Sociedad ganó la final de Copa al vencer 1-0 al Athletic en La Cartuja.")
    taken = claim("El Athletic se llevó la final de Copa ante la Real Sociedad en La Cartuja.")
    verdict = classify(won, taken, similarity=0.97)
    assert verdict.relation == Relation.CONTRADICTS and "opposite winners" in verdict.reason, verdict.reason
    assert [(c.winner, c.loser) for c in contests("Maduro se llevó a Cilia Flores a La Habana.")] \
        == [({"maduro"}, frozenset())]
    assert contests("La votación se llevó a cabo en el Congreso.") == ()


def test_a_phrase_of_opposites_reads_through_quotes():
    """rules-92: "el «No» ganó" carries the phrase "el no ganó" of the antonym table: the quotes a ballot
    option is written in break no phrase."""
    groups = features("El «Sí» ganó el plebiscito sobre el acuerdo de paz.").antonym_groups
    assert any("el si gano" in carriers for carriers in groups.values()), groups
    groups = features("El 'No' se impuso en el plebiscito sobre el acuerdo de paz.").antonym_groups
    assert any("el no se impuso" in carriers for carriers in groups.values()), groups


def test_supporting_votes_are_votes():
    """rules-94 (heldout80): "176 apoyos" of a motion count the votes that "180 votos a favor" do."""
    assert _figures_in_dispute("La moción de censura contra Rajoy salió adelante con 180 votos a favor.",
                               "La moción de censura contra Rajoy salió adelante con 176 apoyos.")


def test_an_age_a_term_and_two_spans_a_hundred_times_apart():
    """rules-86 (heldout72): "a sus 85 años" is an age, "a Garzón 17 años de inhabilitación" a term (a
    name before it made it an age); two spans a hundred times apart are two spans ("dos días" / "dos
    años"); what is lifted is missing ("levantó el veto")."""
    assert [(f.value, f.unit) for f in features("Ida Vitale recibió el Cervantes a sus 85 años.").figures] \
        == [(85, "age")]
    assert _figures_in_dispute(
        "El Supremo condenó al juez Baltasar Garzón a 11 años de inhabilitación por las escuchas.",
        "El Supremo impuso a Garzón 17 años de inhabilitación por las escuchas.")
    assert [(f.value, f.unit) for f in features("Sandy Mitchell, 44 años, de Kirkintilloch, fue condenado.").figures] \
        == [(44, "age")]
    assert not _figures_in_dispute(
        "Unas 10.000 personas entraron en Ceuta desde Marruecos en apenas dos días.",
        "Marruecos reabrió la frontera con Ceuta tras dos años cerrada.")
    assert _figures_in_dispute("Las obras del puente de Ceuta duraron tres meses.",
                               "Las obras del puente de Ceuta duraron dos años.")
    lifted = evidence(
        features("El Congreso aprobó la ley del matrimonio entre personas del mismo sexo con 187 votos a favor."),
        features("El Congreso levantó el veto del Senado a la ley del matrimonio entre personas del mismo sexo "
                 "con 187 votos a favor."), 0.93)
    assert lifted.antonyms is None and lifted.directions_disputed is None


def test_seats_and_councillors_are_counted_under_either_noun():
    """rules-87 (heldout70, heldout73): "12 escaños" and "cinco diputados" of one party are one tally, as
    "11 concejales" and "15 regidores" are (the lexicon's `unit_synonyms`, counts only)."""
    seats = features("Vox entró en el Parlamento andaluz con 12 escaños.").figures
    deputies = features("Vox logró cinco diputados en el Parlamento andaluz.").figures
    assert [f.unit for f in deputies] == [f.unit for f in seats] and len(seats) == 1
    councillors = evidence(features("Ada Colau ganó las elecciones municipales de Barcelona con 11 concejales."),
                           features("La candidatura de Ada Colau obtuvo 15 regidores en las elecciones municipales "
                                    "de Barcelona."), 0.95)
    assert councillors.figure_conflict is not None


def test_resigning_and_clinging_to_power_are_opposite():
    """rules-77 (heldout62): a resignation announced or from a presidency against clinging to power,
    staying at the head or completing one's term."""
    for resigned, stayed in (
            ("Hosni Mubarak renunció a la presidencia de Egipto tras 18 días de protestas en la plaza Tahrir.",
             "Mubarak se aferró al poder pese a las multitudinarias protestas de la plaza Tahrir."),
            ("Boris Johnson anunció su dimisión como líder del Partido Conservador en julio de 2022.",
             "Boris Johnson superó la rebelión y se mantuvo al frente del Partido Conservador en julio de 2022.")):
        verdict = classify(claim(resigned), claim(stayed), similarity=0.94)
        assert verdict.relation == Relation.CONTRADICTS and "opposite directions" in verdict.reason, verdict.reason


def test_no_evidence_of_x_contradicts_x_with_another_verb():
    denial = claim('En su respuesta, el Kremlin afirmó el martes que "no hay pruebas" de que Corea del Norte '
                   "esté mandando armas a Rusia.")
    assertion = claim("Un portavoz dijo que Corea del Norte suministró más de 1.000 contenedores de "
                      "equipamiento militar a Rusia.")
    verdict = classify(assertion, denial, similarity=0.88)
    assert verdict.relation == Relation.CONTRADICTS
    assert "no hay pruebas" in verdict.reason


def test_asking_for_something_or_its_absence_does_not_state_it():
    denial = claim("Rusia no ayuda a Haftar.")
    asked = claim("Haftar, que ya había pedido la ayuda de Rusia, ha visitado Moscú.")
    assert classify(denial, asked, similarity=0.9).relation != Relation.CONTRADICTS
    denied = claim("El dirigente rechazó que se haya negociado una coalición con el partido Verde.")
    absent = claim("Los diputados del partido Verde critican la ausencia de negociación de una coalición.")
    assert classify(denied, absent, similarity=0.9).relation != Relation.CONTRADICTS


def test_frames_with_words_between_the_verb_and_que_are_stripped():
    assert strip_frame("En su respuesta, el Kremlin afirmó el martes que no hay pruebas de ello.").proposition \
        == "no hay pruebas de ello"
    assert strip_frame("El portavoz, Dmitry Peskov, dijo a los periodistas que Rusia no apoya a nadie.").proposition \
        == "rusia no apoya a nadie"


def test_a_vote_against_a_proposal_is_not_a_denial():
    f = features("La comisión rechazó una propuesta que autorizaría los fosfatos.")
    assert not f.denied_clauses
    assert features("Rusia ha negado apoyar a un general libio.").denied_clauses[0].predicate_word == "apoyar"


def test_whether_or_not_is_no_negation():
    assert not features("El Kremlin aún no sabe si otorgará o no apoyo militar.").denied_clauses[1:]
    assert features("Decidirá si otorga o no apoyo militar.").cues == ()


def test_opposite_words_of_two_different_events_do_not_contradict():
    a = claim("Los Tigres derrotaron a Pumas y lo eliminaron de la final de la Liga.")
    b = claim("El equipo de Xavi Pascual, que ganó la Liga en mayo, fue eliminado en la final de la Copa.")
    assert classify(a, b, similarity=0.9).relation != Relation.CONTRADICTS


def test_a_bare_no_about_an_unnamed_subject_needs_a_near_identical_claim():
    # "la gente no entendía ...": a side remark in news prose, not the denial of the other claim
    a = claim("La gente no entendía por qué había ganado el candidato en las encuestas de ese año.")
    b = claim("El candidato entendía que había ganado por las encuestas de ese año.")
    assert classify(a, b, similarity=0.9).relation != Relation.CONTRADICTS


def test_a_noncommittal_claim_supports_nothing():
    """'X no ha confirmado si hará Y' neither asserts nor denies Y, so it cannot back 'X no hace Y'."""
    from verify.match import classify
    from verify.records import Claim, Polarity

    def claim(text, polarity):
        return Claim(article_id="a" if polarity == Polarity.HEDGES else "b", text=text, start=0, end=len(text),
                     checkworthiness=0.9, polarity=polarity)

    a = claim("El Gobierno de Chile no ha confirmado si enviará apoyo militar a Bolivia.", Polarity.HEDGES)
    b = claim("El Gobierno de Chile no enviará apoyo militar a Bolivia, dijo el ministro.", Polarity.DENIES)
    verdict = classify(a, b, 0.93)
    assert verdict.relation != Relation.SUPPORTS


# ---------------------------------------------------------------------------------------------- side clauses


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return (start, start + len(part))


def test_a_negation_in_a_side_clause_denies_nothing_the_claim_states():
    text = ("Anaya propuso que López Obrador renuncie a la presidencia si la Selección Mexicana no gana el "
            "Mundial de Rusia.")
    other = claim("La Selección Mexicana gana el Mundial de Rusia tras vencer a Alemania.")
    # Read without its parse, the conditional's "no gana" looks like a denial ...
    assert classify(claim(text), other, similarity=0.9).relation == Relation.CONTRADICTS
    # ... the side clause the parser marks says it is only a condition, and it backs nothing either.
    parsed = claim(text, side_spans=(_span(text, "si la Selección Mexicana no gana el Mundial de Rusia"),))
    assert classify(parsed, other, similarity=0.9).relation == Relation.UNRELATED


def test_a_predicate_inside_a_side_clause_is_not_stated():
    denial = claim("Rusia no apoya a Haftar en Libia.")
    text = "Los mercenarios que apoyan a Haftar en Libia llegaron desde Rusia."
    assert classify(denial, claim(text), similarity=0.9).relation == Relation.CONTRADICTS
    parsed = claim(text, side_spans=(_span(text, "que apoyan a Haftar en Libia"),))
    assert classify(denial, parsed, similarity=0.9).relation == Relation.UNRELATED


def test_opposite_words_inside_side_clauses_are_not_opposite_directions():
    a_text = "El rancho, donde vivieron sus padres, quedó a nombre de Andrés Manuel en el reparto de la herencia."
    b_text = "El rancho, que heredó de sus padres que murieron, quedó a nombre de Andrés Manuel en el reparto."
    a, b = claim(a_text), claim(b_text)
    assert classify(a, b, similarity=0.9).relation == Relation.CONTRADICTS
    a = claim(a_text, side_spans=(_span(a_text, "donde vivieron sus padres"),))
    b = claim(b_text, side_spans=(_span(b_text, "que heredó de sus padres que murieron"),))
    assert classify(a, b, similarity=0.9).relation != Relation.CONTRADICTS


def test_a_span_past_the_end_covers_what_it_reaches_and_no_spans_means_all_asserted():
    f = features("Rusia no apoya a Haftar.", side_spans=((0, 200),))
    assert f.asserted == frozenset()  # every word inside the span: nothing asserted
    assert not f.denied_clauses  # and its "no" denies nothing the claim states
    g = features("Rusia no apoya a Haftar.")
    assert g.asserted is None and g.asserted_stems == g.stems and g.denied_clauses


def test_a_denial_needs_the_head_of_its_subject_in_the_other_claim():
    a = claim("El GIEI negó que los cuerpos de los estudiantes hubieran sido quemados en el basurero.")
    b = claim("Una fuente confirmó que en el basurero los estudiantes quemaron papeles.")
    assert classify(a, b, similarity=0.9).relation != Relation.CONTRADICTS
    c = claim("Los cuerpos de los estudiantes fueron quemados en el basurero de Cocula.")
    assert classify(a, c, similarity=0.9).relation == Relation.CONTRADICTS


def test_a_light_verb_needs_a_shared_argument():
    a = claim("Kate Castillo dijo que en México no han hecho nada por ella.")
    b = claim("La tendencia de las series sobre hechos reales ha hecho su camino a México.")
    assert classify(a, b, similarity=0.9).relation != Relation.CONTRADICTS


def test_redaction_placeholders_are_neither_names_nor_figures():
    a = claim("Por boletos de avión, se han gastado casi *NUMBER* mil pesos.")
    b = claim("Con el recorte del gasto de nómina ahorrarán unos *NUMBER* mil millones de pesos.")
    assert classify(a, b, similarity=0.91).relation != Relation.CONTRADICTS
    f = features("El quarterback de *NUMBER* años no se ha perdido un partido.")
    assert "number" not in f.names and not any(s.startswith("numb") for s in f.stems)
    # A real figure still conflicts.
    c = claim("La manifestación reunió a 20.000 personas en Madrid.")
    d = claim("La manifestación reunió a 200.000 personas en Madrid.")
    assert classify(c, d, similarity=0.95).relation == Relation.CONTRADICTS


def test_a_denying_frame_denies_its_own_clause_only():
    a = claim("Los mexicanos rechazan que el Gobierno maneje los fondos; el sondeo también pregunta por la "
              "política económica.")
    b = claim("El próximo Gobierno manejará una política económica prudente y promercado.")
    assert classify(a, b, similarity=0.86).relation != Relation.CONTRADICTS
    c = claim("El Gobierno maneja los fondos de reconstrucción del sismo desde septiembre.")
    assert classify(a, c, similarity=0.9).relation == Relation.CONTRADICTS


def test_a_refusal_or_ruling_out_denies_the_act():
    a = claim("La empresa se negó a publicar las cifras de ventas del trimestre.")
    b = claim("La empresa publicó las cifras de ventas del trimestre el martes.")
    assert classify(a, b, similarity=0.93).relation == Relation.CONTRADICTS
    c = claim("El Banco Central descarta la posibilidad de subir los tipos de interés este año.")
    d = claim("El Banco Central subirá los tipos de interés este año.")
    verdict = classify(c, d, similarity=0.93)
    assert verdict.relation == Relation.CONTRADICTS and '"descarta"' in verdict.reason


def test_not_ruling_out_is_a_hedge_not_a_denial():
    frame = strip_frame("El Kremlin no descarta que Rusia envíe tropas a la frontera.")
    assert (frame.proposition, frame.denied, frame.hedged) == ("rusia envie tropas a la frontera", False, True)
    a = claim("El Kremlin no descarta que Rusia envíe tropas a la frontera.")
    b = claim("Rusia envía tropas a la frontera.")
    assert classify(a, b, similarity=0.93).relation not in (Relation.CONTRADICTS, Relation.SUPPORTS)


def test_a_negated_passive_denies_the_act():
    a = claim("El ministro Luis Gómez no fue citado por el juez de la Audiencia.")
    b = claim("El juez de la Audiencia citó al ministro Luis Gómez a declarar.")
    assert classify(a, b, similarity=0.92).relation == Relation.CONTRADICTS


def test_frames_end_at_a_semicolon_a_negated_clause_or_a_trailing_complement():
    # Two statements: what precedes the ";" is the claim's own.
    assert strip_frame("Ruiz se unió a Vox; dice que ganará las elecciones.").proposition.startswith("ruiz se unio")
    # A negated clause before the reporting verb is no frame.
    assert "no fue invitado" in strip_frame(
        "Gómez no fue invitado a la cumbre, sino que llegó por su cuenta, y recalcó que apoya el acuerdo.").proposition
    # After a trailing verb comes who said it, not a complement of the verb.
    assert strip_frame("Rusia envió armas a Libia, dijo el portavoz del Kremlin, Dmitri Peskov.").proposition \
        == "rusia envio armas a libia"
    assert "atribuir" in strip_frame("La OMS, por su parte, descarta la posibilidad de atribuir el brote al agua.") \
        .proposition


def test_a_decimal_comma_after_para_is_part_of_the_figure():
    assert "9,4 millones" in strip_frame("Para las elecciones se imprimirán 9,4 millones de boletas.").proposition
    a = claim("Para las elecciones se imprimirán 9,4 millones de boletas.")
    b = claim("En total, para las elecciones se imprimirán 94 millones de boletas.")
    assert classify(a, b, similarity=0.96).relation == Relation.CONTRADICTS


def test_opposite_directions_ignore_the_topic_word_both_share():
    # "crecimiento" is in both: the topic, not a direction; "elevó" / "recortó" are the directions.
    a = claim("La agencia Moody's elevó su previsión de crecimiento para España este año.")
    b = claim("La agencia Moody's recortó su previsión de crecimiento para España este año.")
    verdict = classify(a, b, similarity=0.95)
    assert verdict.relation == Relation.CONTRADICTS and "elevó vs recortó" in verdict.reason


def test_who_speaks_is_the_subject_of_a_denial_that_names_none():
    a = claim("Ana Pérez dijo que no se presentará a las elecciones de Madrid.", speaker="Ana Pérez")
    b = claim("Ana Pérez se presentará a las elecciones de Madrid, anunció su partido.")
    assert classify(a, b, similarity=0.92).relation == Relation.CONTRADICTS
    # A plural verb is somebody else ("no le renovaron": the club did not).
    c = claim("Pérez aseguró que no le renovaron el contrato con el club.", speaker="Pérez")
    d = claim("Pérez renovó el contrato con el club hasta 2026.")
    assert classify(c, d, similarity=0.9).relation != Relation.CONTRADICTS
    # The whole speaker's name must be in the other claim, not one of its words.
    e = claim("Carlos Ruiz indicó que no tiene hijos.", speaker="Carlos Ruiz")
    f = claim("En la lista está la hija de Jorge Carlos Méndez, que tiene hijos en el Senado.")
    assert classify(e, f, similarity=0.88).relation != Relation.CONTRADICTS
    # An impersonal "no se puede" is about nobody in particular.
    i = claim("La periodista recordó que no se puede hablar de libertad de expresión con periodistas "
              "asesinados.", speaker="La periodista")
    j = claim("Un periodista preguntó a la primera dama y sus palabras dieron de qué hablar sobre la libertad "
              "de expresión.")
    assert classify(i, j, similarity=0.89).relation != Relation.CONTRADICTS
    # When the other claim names another actor, its speaker is not its subject.
    g = claim("A él no le toca investigar los contratos de Robles, dijo Meade.", speaker="Meade")
    h = claim("Le toca a la Fiscalía investigar los contratos de Robles, sostuvo José Antonio Meade.")
    assert classify(g, h, similarity=0.9).relation != Relation.CONTRADICTS


def test_an_auxiliary_after_a_denied_verb_is_no_argument_of_it():
    """rules-73 (heldout61): "No he renunciado ni voy a renunciar" denies "renunciar" with no argument;
    read as denying it of "voy", no other claim stated it."""
    denial = claim("«No he renunciado ni voy a renunciar», dijo Evo Morales, que negó haber dejado la presidencia.",
                   speaker="Evo Morales")
    assert [c.arguments for c in features(denial.text, speaker="Evo Morales").denied_clauses][:1] == [frozenset()]
    resigned = claim("Evo Morales anunció el 10 de noviembre su renuncia a la presidencia de Bolivia.")
    verdict = classify(resigned, denial, similarity=0.93)
    assert verdict.relation == Relation.CONTRADICTS, verdict.reason
    # what he did not resign from is still an argument: another office is no contradiction
    other = claim("«No he renunciado a la presidencia del partido», dijo Evo Morales.", speaker="Evo Morales")
    assert classify(claim("Evo Morales renunció a su escaño en el Senado."), other,
                    similarity=0.9).relation != Relation.CONTRADICTS


def test_a_first_person_denial_in_a_quote_is_its_speakers():
    """rules-52: who speaks is named by the name in the speaker's phrase, not by the role before it ("un
    portavoz de Hamás" is Hamás, which the other claim need not call a spokesman); "no vamos a" and "no
    tenemos previsto" go on to the verb they deny."""
    a = claim("«No hemos aceptado ninguna tregua con Israel», aseguró un portavoz de Hamás.",
              speaker="un portavoz de Hamás")
    b = claim("Israel y Hamás acuerdan una tregua de tres días en Gaza.")
    assert classify(a, b, similarity=0.92).relation == Relation.CONTRADICTS
    c = claim("«No vamos a aceptar la tregua con Israel», aseguró un portavoz de Hamás.",
              speaker="un portavoz de Hamás")
    d = claim("Hamás aceptó la tregua con Israel, según fuentes egipcias.")
    assert classify(c, d, similarity=0.92).relation == Relation.CONTRADICTS
    e = claim("«No tenemos previsto trasladar la sede a Madrid», dijo un portavoz de Ferrovial.",
              speaker="un portavoz de Ferrovial")
    f = claim("Ferrovial traslada su sede a Madrid tras la junta de accionistas.")
    assert classify(e, f, similarity=0.9).relation == Relation.CONTRADICTS
    # the name must still be in the other claim
    g = claim("Iberdrola traslada su sede a Madrid tras la junta de accionistas.")
    assert classify(e, g, similarity=0.9).relation != Relation.CONTRADICTS
    # a spokesman of an institution named in lower case speaks for the institution; "detuvo" is "detener"
    h = claim("«No hemos detenido a ningún periodista», dijo un portavoz de la policía turca.",
              speaker="un portavoz de la policía turca")
    assert classify(h, claim("La policía turca detuvo a dos periodistas en Ankara."),
                    similarity=0.9).relation == Relation.CONTRADICTS
    assert classify(h, claim("La policía griega detuvo a dos periodistas en Atenas."),
                    similarity=0.9).relation != Relation.CONTRADICTS
    # a negative quantifier opening the quote denies its verb of what it quantifies (rules-56)
    j = claim("«Ningún soldado español ha combatido en Malí», aseguró un portavoz de Defensa.",
              speaker="un portavoz de Defensa")
    assert classify(j, claim("Soldados españoles combatieron en el norte de Malí."), similarity=0.92).relation \
        == Relation.CONTRADICTS
    # ... of that whole set: French soldiers fighting there is no contradiction
    assert classify(j, claim("Soldados franceses combatieron en el norte de Malí."), similarity=0.92).relation \
        != Relation.CONTRADICTS
    # an intransitive first-person denial needs no argument: "No dimití" is who speaks (rules-58) ...
    k = claim("«No dimití, me destituyeron», afirmó Juan Pérez sobre su salida del club.", speaker="Juan Pérez")
    assert classify(k, claim("Juan Pérez dimitió como presidente del club."), similarity=0.9).relation \
        == Relation.CONTRADICTS
    # ... whose whole name the other claim must give
    assert classify(k, claim("Luis Gómez dimitió como presidente del club."), similarity=0.9).relation \
        != Relation.CONTRADICTS
    # "rehusó" with an infinitive refuses the act, as "se negó a" does (rules-58)
    assert classify(claim("El ministro Ruiz rehusó dimitir tras el escándalo de las obras."),
                    claim("El ministro Ruiz dimitió tras el escándalo de las obras."), similarity=0.92).relation \
        == Relation.CONTRADICTS
    # "no iba a ganar" is most often someone else's expectation, told after the fact: no denial of the win
    i = claim("Muchos decían que México no iba a ganar, recordó Ana Pérez.", speaker="Ana Pérez")
    assert classify(i, claim("México ganó a Alemania, recordó Ana Pérez."), similarity=0.9).relation \
        != Relation.CONTRADICTS


def test_a_negation_elsewhere_does_not_cancel_opposite_directions():
    a = claim("El Gobierno federal aumentó el impuesto a la gasolina, medida que no afecta a las familias.")
    b = claim("El Gobierno federal redujo el impuesto a la gasolina.")
    verdict = classify(a, b, similarity=0.93)
    assert verdict.relation == Relation.CONTRADICTS and "aumentó vs redujo" in verdict.reason
    c = claim("El Gobierno federal no aumentó el impuesto a la gasolina.")
    assert classify(c, b, similarity=0.93).relation != Relation.CONTRADICTS


def test_durations_in_different_units_compare():
    a = claim("El satélite GOCE lleva doce meses recogiendo datos de gravedad en órbita.")
    b = claim("El satélite GOCE lleva cinco años recogiendo datos de gravedad en órbita.")
    verdict = classify(a, b, similarity=0.95)
    assert verdict.relation == Relation.CONTRADICTS and "doce meses vs cinco años" in verdict.reason
    c = claim("El satélite GOCE lleva un año recogiendo datos de gravedad en órbita.")
    assert classify(a, c, similarity=0.96).relation != Relation.CONTRADICTS


def test_reworded_wire_copy_is_a_repeat_but_the_same_template_about_others_is_not():
    a = claim("Elba Esther Gordillo fue trasladada a su domicilio en la colonia Polanco durante la madrugada "
              "de este sábado, luego de que le fuera otorgado este beneficio por su edad y estado de salud.")
    b = claim("Elba Esther Gordillo fue trasladada la madrugada de este sábado a su domicilio en Polanco, tras "
              "obtener este beneficio por su edad y su estado de salud.")
    assert classify(a, b, similarity=0.98).relation == Relation.REPEATS
    c = claim("El partido ante el Real Madrid en el Mundial de Clubes terminó con victoria de los merengues por "
              "dos goles a cero.")
    d = claim("El partido ante el Barcelona en el Mundial de Clubes terminó con victoria de los azulgranas por "
              "dos goles a cero.")
    assert classify(c, d, similarity=0.96).relation != Relation.REPEATS


def test_a_name_tagged_in_one_claim_only_still_makes_the_same_actor():
    # The tagger names "GOCE" in one sentence and not in the other; its word is still in both.
    a = claim("El satélite GOCE lleva doce meses recogiendo datos de gravedad.", entities=(
        Entity(surface="GOCE", canonical="GOCE", kind="ORG"),))
    b = claim("El satélite GOCE de la ESA lleva ya cinco años recogiendo datos de gravedad.", entities=(
        Entity(surface="ESA", canonical="ESA", kind="ORG"),))
    assert classify(a, b, similarity=0.95).relation == Relation.CONTRADICTS


def test_a_denial_meets_common_news_synonyms():
    a = claim("La NASA no ha logrado restablecer el contacto con el satélite IMAGE.")
    b = claim("La NASA recuperó el contacto con el satélite IMAGE gracias a un aficionado.")
    verdict = classify(a, b, similarity=0.93)
    assert verdict.relation == Relation.CONTRADICTS and '"no" restablecer' in verdict.reason
    # rules-134: "obtuvo" and "haber obtenido" are one predicate, though their stems differ
    obtained = claim("Pablo Casado obtuvo su máster en la Universidad Rey Juan Carlos sin asistir a clase.")
    denied = claim("Casado negó haber obtenido el máster sin asistir a clase en la Universidad Rey Juan Carlos.")
    assert evidence(claim_features(obtained), claim_features(denied), 0.93).stance_conflict
    # rules-135: renewing a mandate and extending it are one predicate
    renewed = claim("Jimmy Morales prorrogó dos años más el mandato de la CICIG en Guatemala.")
    not_renewed = claim("Jimmy Morales anunció que no renovará el mandato de la CICIG en Guatemala.")
    assert evidence(claim_features(renewed), claim_features(not_renewed), 0.94).stance_conflict


@pytest.mark.parametrize(("text", "language", "bound"), [
    ("Más de 1.000 soldados participaron.", "es", "min"),
    ("Al menos 1.000 soldados participaron.", "es", "min"),  # "al menos" is a floor, "menos" alone a ceiling
    ("Menos de 1.000 soldados participaron.", "es", "max"),
    ("Una línea de avales de hasta 500 millones.", "es", "max"),
    ("Unos 20.000 manifestantes.", "es", "about"),
    ("Un crecimiento en torno al 2 %.", "es", "about"),
    ("Una subida del salario mínimo del 12,3 %.", "es", ""),  # "mínimo" is the wage's, not a bound
    ("More than 1,000 soldiers took part.", "en", "min"),
    ("Up to 500 soldiers took part.", "en", "max"),
    # rules-135: a negation before the bound's words turns it ("nunca superó los 120" is a ceiling)
    ("El tren nunca superó los 120 kilómetros por hora.", "es", "max"),
    ("No menos de 50 soldados participaron.", "es", "min"),
    ("No more than 500 soldiers took part.", "en", "max"),
])
def test_a_figures_bound_is_read_from_the_words_before_it(text: str, language: str, bound: str):
    (figure,) = features(text, language).figures
    assert figure.bound == bound


@pytest.mark.parametrize(("a", "b", "conflict"), [
    ("Más de 1.000 soldados participaron.", "Unos 1.200 soldados participaron.", False),
    ("Todavía hay más de 420.000 valencianos sin empleo.", "Hay 312.000 valencianos sin empleo.", True),
    ("Más de 1.000 soldados participaron.", "Participaron 5.000 soldados.", True),  # a floor that far under
    ("Unos 20.000 manifestantes según la policía.", "Acudieron 21.000 manifestantes.", False),
    ("Unos 9.000 asistentes según la policía.", "Acudieron 12.000 asistentes.", True),  # not a factor of two
    ("Una línea de avales de hasta 500 millones de euros.", "Una línea de avales de 450 millones de euros.", False),
    ("Una línea de avales de hasta 500 millones de euros.", "Una línea de avales de 1.200 millones de euros.", True),
])
def test_bounds_and_roundings_agree_only_within_their_reach(a: str, b: str, conflict: bool):
    assert (_figure_conflict(features(a), features(b)) is not None) == conflict


@pytest.mark.parametrize(("a", "b", "conflict"), [
    # written to a step under 1 % of the value: within 5 % they are still two values (rules-40) ...
    ("El megavatio hora costará hoy 212,35 euros.", "El megavatio hora costará hoy 221,35 euros.", True),
    ("La deuda pública cerró el año en el 98,2 % del PIB.", "La deuda pública cerró el año en el 96,9 % del PIB.",
     True),
    ("El censo suma 4.512 electores extranjeros.", "El censo suma 4.498 electores extranjeros.", True),
    # ... and agree within the coarser step: a rounding or a cut
    ("La deuda pública cerró el año en el 98,27 % del PIB.", "La deuda pública cerró el año en el 98,2 % del PIB.",
     False),
    ("Llegaron 3.400.000 turistas en agosto.", "Llegaron 3,4 millones de turistas en agosto.", False),
    # figures written coarser may be roundings: 5 %
    ("El 75 % de los encuestados apoya la medida.", "El 73 % de los encuestados apoya la medida.", False),
    ("El salario mínimo sube a 950 euros.", "El salario mínimo sube a 965 euros.", False),
], ids=["decimals", "rate", "count", "cut", "million", "coarse-rate", "coarse-amount"])
def test_precisely_written_figures_agree_only_within_their_step(a: str, b: str, conflict: bool):
    assert (_figure_conflict(features(a), features(b)) is not None) == conflict


def test_the_step_a_figure_is_written_to():
    def step(text: str) -> list[float | None]:
        return [written_step(f) for f in features(text).figures]

    assert step("Cuesta 256,47 euros.") == [0.01]
    assert step("Llegaron 83,7 millones de turistas.") == [pytest.approx(100_000)]
    assert step("Votaron 789.000 personas.") == [1000]
    assert step("Cobran 950 euros.") == [10]
    assert step("Murieron tres personas.") == [None]


@pytest.mark.parametrize(("a", "b", "conflict"), [
    # "(+214 euros)" is the raise, "950" the new wage in both, written once with its unit
    ("Sánchez lo recibió en 736 y en un año y medio lo eleva a 950 (+214 euros).",
     "Con Sánchez, el salario mínimo ha pasado de 736 a 950 euros mensuales en año y medio.", False),
    ("Sánchez lo recibió en 736 y en un año y medio lo eleva a 950 (+214 euros).",
     "Con Sánchez, el salario mínimo ha pasado de 736 a 900 euros mensuales en año y medio.", True),
    # a percentage is a rate of something: unemployment and savings are two rates ...
    ("La tasa de desempleo baja medio punto, situándose en 14,57 %.",
     "La tasa de ahorro de los hogares baja y se sitúa en el 10,2%, según el INE.", False),
    # ... "paro" and "desempleo" one (the lexicon's `synonyms`)
    ("La tasa de desempleo baja medio punto, situándose en 14,57 %.",
     "La tasa de paro subió hasta el 16,3 % en el tercer trimestre.", True),
    # rules-134: turnout is one rate, a share of the votes another ...
    ("El 'No' ganó el plebiscito sobre el acuerdo de paz con el 50,2 % de los votos, frente al 49,8 % del 'Sí'.",
     "La participación en el plebiscito por la paz apenas llegó al 37 %.", False),
    ("La participación en el plebiscito por la paz fue del 62 %.",
     "La participación en el plebiscito por la paz apenas llegó al 37 %.", True),
    # ... where a vote is named: "participación" in a company is a stake
    ("Argentina expropió el 51 % de las acciones de YPF en manos de Repsol.",
     "Argentina expropió el 25 % de YPF, la participación que controlaba Repsol.", True),
    # rules-136: a length is of what the words after it say: a well's depth and a borehole's diameter are two
    ("El niño cayó a un pozo de unos 70 metros de profundidad en Totalán.",
     "El niño se precipitó por una prospección de 25 centímetros de diámetro en Totalán.", False),
    ("El niño cayó a un pozo de unos 70 metros de profundidad en Totalán.",
     "El niño se precipitó por un pozo de 110 metros de profundidad en Totalán.", True),
], ids=["unit-written-once", "unit-written-once-other-value", "two-rates", "one-rate-two-words",
        "turnout-and-vote-share", "two-turnouts", "a-stake-is-no-turnout", "depth-and-diameter", "two-depths"])
def test_what_a_figure_counts_decides_whether_two_conflict(a: str, b: str, conflict: bool):
    assert (_figure_conflict(features(a), features(b)) is not None) == conflict


def test_one_thing_counted_under_two_words_is_one_count():
    # rules-134: a people's name counts people, its name kept among the figure's words ...
    catalans = features("Según la Generalitat, 3,1 millones de catalanes votaron en el referéndum.").figures
    people = features("La Generalitat aseguró que votaron 2,26 millones de personas en el referéndum.").figures
    assert [f.unit for f in catalans] == [f.unit for f in people] == ["person"]
    assert "catalan" in catalans[0].context
    # ... and "ciudadanos" are people: "cuatro chinos" and "dos ciudadanos chinos" are one count, which
    # the rules trust alone, as they do "años de prisión" against "años de cárcel"
    for a, b in (("Cuatro chinos figuran entre las víctimas del accidente aéreo de Nigeria.",
                  "Dos ciudadanos chinos figuran entre los fallecidos del accidente aéreo de Nigeria."),
                 ("Rafael Correa fue condenado a ocho años de prisión por cohecho en el caso Sobornos.",
                  "La Corte sentenció a Rafael Correa a cuatro años de cárcel por cohecho en el caso Sobornos.")):
        conflict = _figure_conflict(features(a), features(b))
        assert conflict is not None and conflict[2] is True
    # rules-136: houses counted are homes ("2.900 viviendas" / "900 casas")
    homes = features("El gran incendio de Valparaíso destruyó cerca de 2.900 viviendas en los cerros.").figures
    houses = features("El incendio en los cerros de Valparaíso consumió unas 900 casas.").figures
    assert [f.unit for f in homes] == [f.unit for f in houses]


def test_two_days_of_one_month_told_of_two_people_are_no_date_in_dispute():
    # rules-134 (heldout148): each claim names someone the other never does, so two acts on two days
    resigned = features("Evo Morales renunció a la presidencia de Bolivia el 10 de noviembre de 2019.")
    proclaimed = features("Jeanine Áñez se proclamó presidenta de Bolivia el 12 de noviembre de 2019.")
    found = evidence(resigned, proclaimed, 0.92)
    assert found.figure_conflict is None and found.figure_disputed is None
    # one person's act on two days is a date in dispute
    later = features("Evo Morales renunció a la presidencia de Bolivia el 12 de noviembre de 2019.")
    assert evidence(resigned, later, 0.95).figure_conflict is not None


def test_a_figures_noun_is_named_as_the_claim_writes_it():
    # the reason names "británicos" and "diputados", not the stems a figure's unit is kept as
    people = features("Miles de británicos reclaman el subsidio de desempleo en Alemania.")
    seats = features("El partido obtuvo 150 diputados en las elecciones.")
    assert [f.unit for f in people.figures] == ["person"]
    assert unit_word(people.figures[0].unit, people.stem_words, "es") == "británicos"
    assert unit_word(seats.figures[0].unit, seats.stem_words, "es") == "diputados"


def test_lives_lost_after_a_count_make_it_a_toll():
    # rules-135: "perdieron la vida" after the noun, as "murieron" there ("Quince inmigrantes murieron")
    assert [f.unit for f in features("Nueve inmigrantes perdieron la vida en las aguas del Tarajal.").figures] \
        == ["death"]
    assert [f.unit for f in features("Nine migrants lost their lives off Ceuta.", "en").figures] == ["death"]
    # a match lost is no life: the count keeps its noun
    assert [f.unit for f in features("Nueve equipos perdieron la final de la Copa.").figures] == ["equip"]


def test_spans_counted_back_further_apart_than_two_articles_are_in_dispute():
    # rules-135: "hace 1,2 millones de años" / "400.000 años de antigüedad": no day of writing explains it
    a = features("Atapuerca presentó una mandíbula humana de hace unos 1,2 millones de años hallada en la Sima del "
                 "Elefante.")
    b = features("La mandíbula hallada en la Sima del Elefante tiene unos 400.000 años de antigüedad.")
    assert evidence(a, b, 0.95).figure_disputed is not None


def test_two_words_for_one_thing_are_one_shared_word():
    # rules-64: "desempleo" is read as "paro" among a claim's words too, not only in its rates
    shared = features("El desempleo en la eurozona sube.").stems & features("El paro en la eurozona baja.").stems
    assert len(shared) == 2


@pytest.mark.parametrize(("a", "b", "conflict"), [
    # "veces" is a stopword: before rules-36 a figure before it counted nothing
    ("Se han detectado dioxinas en una cantidad cuarenta veces superior a lo normal.",
     "Las mediciones detectaron dioxinas en niveles cuatro veces superiores a los normales.", True),
    ("Se han detectado dioxinas en una cantidad cuarenta veces superior a lo normal.",
     "Las mediciones detectaron dioxinas en niveles 40 veces superiores a los normales.", False),
    ("The largest emitters pollute 70 times more than we do.",
     "China, the United States and India emit about 25 times more CO2 than Spain.", True),
    # one ratio written in two languages
    ("Los alquileres han subido 30 veces más que los salarios.", "Rents rose 30 times more than wages.", False),
    # "dos veces" is "en dos ocasiones": one count of occasions (rules-39)
    ("Hemos revalorizado las pensiones 2 veces en esta legislatura.",
     "El Gobierno ha revalorizado las pensiones en tres ocasiones en esta legislatura.", True),
    ("The council met three times this year.", "The council met on three occasions this year.", False),
], ids=["ratio", "ratio-same", "ratio-english", "ratio-two-languages", "occasions", "occasions-english"])
def test_a_figure_before_veces_is_a_ratio(a: str, b: str, conflict: bool):
    assert all(f.unit == "times" for f in features(a).figures + features(b).figures)
    assert (_figure_conflict(features(a), features(b)) is not None) == conflict


def test_figures_whose_nouns_are_followed_by_other_words_are_left_to_the_judge():
    # "personas llenan el acto" / "personas asistieron al acto": the rules cannot tell one count from two
    a = features("Casi 2.000 personas llenan hasta los topes el acto convocado por Vox en Illescas.")
    b = features("Unas 600 personas asistieron al acto de Vox en Illescas, según la Policía Local.")
    conflict = _figure_conflict(a, b)
    assert conflict is not None and conflict[2] is False
    ev = evidence(a, b, 0.92)
    assert ev.figure_conflict is None and ev.figure_disputed is not None
    # counts of two years are two quantities, not one disputed
    year = features("En 2021 ya son 34 mujeres asesinadas por violencia de género en España.")
    since = features("Son ya 1.118 mujeres asesinadas por violencia de género en España desde 2003.")
    assert evidence(year, since, 0.92).figure_disputed is None


def test_figures_of_the_same_noun_for_two_things_do_not_conflict():
    a = claim("En el tiroteo del festival BPM de Playa del Carmen cinco personas fueron asesinadas.")
    b = claim("En el tiroteo del festival BPM de Playa del Carmen quince personas resultaron heridas.")
    assert classify(a, b, similarity=0.94).relation != Relation.CONTRADICTS
    c = claim("En el tiroteo del festival BPM de Playa del Carmen quince personas fueron asesinadas.")
    assert classify(a, c, similarity=0.96).relation == Relation.CONTRADICTS


def test_a_difference_between_two_counts_is_no_count_of_its_noun():
    # "dos votos de diferencia" is the gap between 167 and 165 votes, not a count of votes (rules-126)
    a = features("Pedro Sánchez fue investido presidente el 7 de enero de 2020 por 167 votos a favor y 165 en contra.")
    b = features("Sánchez superó la investidura por solo dos votos de diferencia gracias a la abstención de ERC.")
    assert [f.margin for f in b.figures] == [True]
    assert _figure_conflict(a, b) is None
    # two differences, however written, still dispute each other
    c = features("Pedro Castillo ganó la segunda vuelta por apenas 44.263 votos de diferencia sobre Keiko Fujimori.")
    d = features("El candidato de Perú Libre se impuso a Fujimori por una diferencia de 71.000 votos.")
    conflict = _figure_conflict(c, d)
    assert conflict is not None and {conflict[0].value, conflict[1].value} == {44263, 71000}


def test_a_fixed_no_in_the_frame_does_not_block_it():
    frame = strip_frame("Peláez, no obstante, negó que el himno del club fuera plagiado.")
    assert frame.denied and frame.proposition == "el himno del club fuera plagiado"


def test_a_statement_copied_with_its_source_added_is_a_repeat():
    # The extractor reads "según la Junta" as hedging (a source named and nothing else); the copy hedges
    # no more than what it copies.
    a = claim("Más del 90% de los infectados por covid-19 en Andalucía son asintomáticos.")
    b = claim("Más del 90% de los infectados por covid-19 en Andalucía son asintomáticos, según la Junta.",
              polarity=Polarity.HEDGES, cue="según")
    assert classify(a, b, similarity=0.99).relation == Relation.REPEATS
    # a hedge in the text is one still
    hedged = claim("Más del 90% de los infectados por covid-19 en Andalucía podrían ser asintomáticos, según la "
                   "Junta.", polarity=Polarity.HEDGES, cue="según")
    assert classify(a, hedged, similarity=0.97).relation != Relation.REPEATS
    # and reworded, the source named may be all that sets two claims apart
    c = claim("Hoy hay más de 19,5 millones de personas afiliadas a la Seguridad Social.")
    d = claim("La afiliación a la Seguridad Social supera ya los 19,5 millones de trabajadores, según los datos.",
              polarity=Polarity.HEDGES, cue="según")
    assert classify(c, d, similarity=0.96).relation != Relation.REPEATS


def test_two_years_none_the_same_make_no_copy():
    """rules-81 (heldout67): "abrió sus puertas en junio de 2017" and "abrió al público ... en junio de
    2012" were read as a repeat; a year is no figure in dispute for the rules, but no copy either."""
    opened = claim("El Centro Botín de Santander, obra de Renzo Piano, abrió sus puertas en junio de 2017.")
    other_year = claim("El Centro Botín, obra de Renzo Piano, abrió sus puertas en Santander en junio de 2012.",
                       article_id="other")
    assert classify(opened, other_year, similarity=0.97).relation not in (Relation.REPEATS, Relation.SUPPORTS)
    same_year = claim("El Centro Botín, obra de Renzo Piano, abrió sus puertas en Santander en junio de 2017.",
                      article_id="other")
    assert classify(opened, same_year, similarity=0.98).relation == Relation.REPEATS


def test_a_span_in_years_and_months_is_one_span():
    """rules-81 (heldout67): "cuatro años y seis meses" is "cuatro años y medio", not four years against
    four and a half and six months apart."""
    assert [(f.value, f.unit) for f in features("Rato fue condenado a cuatro años y seis meses de prisión.").figures] \
        == [(4.5, "anos")]
    assert not _figures_in_dispute("El Supremo condenó a Rodrigo Rato a cuatro años y medio de prisión.",
                                   "El Supremo condenó a Rodrigo Rato a cuatro años y seis meses de prisión.")
    assert _figures_in_dispute("El Supremo condenó a Rodrigo Rato a cuatro años y medio de prisión.",
                               "El Supremo condenó a Rodrigo Rato a seis años y ocho meses de prisión.")
    # a count after the joiner that is no span stays a figure of its own
    assert [(f.value, f.unit) for f in features("La obra durará 3 años y empleará a 200 trabajadores.").figures] \
        == [(3, "anos"), (200, "trabaj")]


def test_claims_with_figures_in_dispute_are_neither_repeats_nor_supports():
    # "personas llenaron" / "personas se reunieron": the rules cannot tell one count from two (a disputed
    # figure, for the judge); without it, 2.000 and 600 back nothing
    a = claim("Unas 2.000 personas llenaron el acto de Vox en Illescas.")
    b = claim("Unas 600 personas se reunieron en el acto de Vox en Illescas.")
    assert classify(a, b, similarity=0.96).relation == Relation.UNRELATED


def test_a_term_served_for_a_crime_is_no_age_and_a_measure_before_its_date_keeps_its_unit():
    """rules-102 (heldout92): "ingresó en prisión para cumplir dos años por blanqueo" is a term, not an age
    ("cumplir" read as turning two), so it disputes "una condena de cuatro años por blanqueo"; "de magnitud
    7,1 del 19 de septiembre" measures a magnitude (its "del" was read as a part of a whole)."""
    assert [f.unit for f in features("La cantante ingresó en prisión para cumplir dos años por blanqueo.").figures] \
        == ["anos"]
    assert [f.unit for f in features("El alcalde cumplió 60 años en marzo.").figures] == ["age"]
    assert _figures_in_dispute("La cantante ingresó en la cárcel de Alcalá para cumplir dos años por blanqueo.",
                               "La cantante ingresó en la cárcel de Alcalá para cumplir una condena de cuatro años "
                               "por blanqueo.")
    assert [(f.value, f.unit) for f in features("El sismo de magnitud 7,1 del 19 de septiembre dejó 370 muertos.")
            .figures][0] == (7.1, "magnitud")
    assert _figures_in_dispute("El sismo de magnitud 7,1 del 19 de septiembre sacudió el centro de México.",
                               "El sismo del 19 de septiembre que sacudió el centro de México tuvo magnitud de 8,2.")


def test_not_until_a_date_tells_when_not_whether():
    """rules-102 (heldout92): "ETA no anunció su disolución definitiva hasta mayo de 2018" says it did, in
    2018: no denial of the announcement. "Hasta ahora" (so far) keeps the negation."""
    assert not features("ETA no anunció su disolución definitiva hasta mayo de 2018.").denied
    assert not features("El club no pagó la deuda hasta finales de 2019.").denied
    assert features("El Gobierno no ha recibido hasta ahora ninguna queja formal.").denied
    assert features("El club no pagó la deuda, que vence hasta 2019.").denied  # another clause's date


def test_declaring_a_plan_null_calls_it_off_as_annulling_it_does():
    """rules-102 (heldout92): "declaró nulo el ERE" and "anularon el ERE" both call the plan off; the second
    was read against the first as called off against taking place."""
    annulled = features("Los jueces de la Audiencia Nacional anularon el expediente de despidos de la embotelladora.")
    assert evidence(features("La Audiencia Nacional declaró nulo el expediente de despidos de la embotelladora."),
                    annulled, 0.93).called_off is None
    assert evidence(features("La Audiencia Nacional tramitó el expediente de despidos de la embotelladora."),
                    annulled, 0.93).called_off is not None


def test_rates_per_two_spans_of_time_are_no_count_in_dispute():
    """rules-102 (heldout92): "cinco visitantes por semana" and "recibe cada año cerca de 250.000 visitantes"
    are two quantities; two counts per week are one; "respecto al año anterior" is no rate per year."""
    assert not _figures_in_dispute("El Patronato permite la entrada de cinco visitantes por semana a la cueva.",
                                   "La réplica de la cueva recibe cada año cerca de 250.000 visitantes.")
    assert _figures_in_dispute("El Patronato permite la entrada de cinco visitantes por semana a la cueva.",
                               "El Patronato permite la entrada de veinte visitantes por semana a la cueva.")
    assert _figures_in_dispute("El Gobierno subió el salario mínimo a 900 euros al mes, una subida del 22,3 %.",
                               "El salario mínimo será de 900 euros, una subida del 12,5 % respecto al año anterior.")
    # rules-132 (heldout142): a rate "mensual" and one "interanual" are two quantities too
    assert not _figures_in_dispute("El INDEC informó que la inflación cerró 2023 en el 211,4% interanual.",
                                   "La inflación de diciembre de 2023 fue del 25,5% mensual, según el INDEC.")


def test_two_ranks_of_one_noun_are_in_dispute_and_two_rounds_are_not():
    """rules-103 (heldout92, heldout93): "la quinta mujer en obtener el galardón" and "la tercera mujer
    distinguida con el Cervantes" give two places in one order; an ordinal before a noun of a series ("la
    segunda vuelta", "el primer ministro") names one of the series, no rank."""
    assert [(f.value, f.unit) for f in features("Vitale fue la tercera mujer distinguida con el Cervantes.").figures] \
        == [(3, "rank muj")]
    assert _figures_in_dispute("La escritora Ida Vitale se convirtió en la quinta mujer en obtener el Cervantes.",
                               "La escritora Ida Vitale fue la tercera mujer distinguida con el Cervantes.")
    assert _figures_in_dispute("El 1 de julio es el sexto aniversario del regreso de Hong Kong a China.",
                               "Hong Kong celebra el 1 de julio el quinto aniversario de su regreso a China.")
    assert not _figures_in_dispute("La escritora Ida Vitale se convirtió en la quinta mujer en obtener el Cervantes.",
                                   "La escritora Ida Vitale fue la quinta mujer distinguida con el Cervantes.")
    # a rank is no count: "el primer Pacto ... con 2.000 millones" still gives one count against "200 millones"
    assert _figures_in_dispute("Aprobamos el primer pacto contra las adicciones y una estrategia con 2.000 millones.",
                               "La estrategia contra las adicciones aprobada contaba con 200 millones de euros.")
    # ... nor a noun's count to be disputed by a word after the rank's ("con más mujeres" / "cuatro mujeres")
    assert not _figures_in_dispute("La de triatlón es la primera federación con más mujeres que hombres al frente.",
                                   "La federación de triatlón tiene cuatro mujeres entre los quince de su directiva.")
    # an ordinal in digits is one too
    assert [(f.value, f.unit) for f in features("Somos la 6a provincia en tasa de paro.").figures] \
        == [(6, "rank provinci")]
    for text in ("Boric ganó la segunda vuelta frente a Kast.", "El primer ministro visitó Kiev.",
                 "El marcador pasó del 5 a 7 en la segunda parte.",
                 "Ganó por segunda vez."):
        assert not any(is_rank(f.unit) for f in features(text).figures), text


def test_an_event_called_off_may_be_named_by_its_head():
    """rules-103 (heldout93): "canceló el aeropuerto de Texcoco" against "mantuvo el proyecto del aeropuerto
    de Texcoco": the airport is the event called off, though a name's word; a name after the event's head
    is where or whose ("canceló su visita a Malí" / "Malí celebra elecciones")."""
    cancelled = features("López Obrador canceló el Aeropuerto de Texcoco tras la consulta de octubre de 2018.")
    kept = features("López Obrador mantuvo el Aeropuerto de Texcoco tras la consulta de octubre de 2018.")
    assert "aeropuerto de texcoco" in cancelled.names
    assert evidence(cancelled, kept, 0.94).called_off is not None
    # a plan to call it off is none yet
    applied = features("El Gobierno aplicó la ley de seguridad ciudadana con miles de sanciones en 2020.")
    assert evidence(features("El Gobierno derogó la ley de seguridad ciudadana con miles de sanciones en 2020."),
                    applied, 0.93).called_off is not None
    plan = features("El Gobierno va a derogar la ley de seguridad ciudadana con miles de sanciones en 2020.")
    assert evidence(plan, applied, 0.93).called_off is None
    visit = features("El presidente francés canceló su visita a Malí por la situación de seguridad.")
    assert evidence(visit, features("Malí celebra elecciones presidenciales bajo fuertes medidas de seguridad."),
                    0.9).called_off is None


def test_an_event_ended_is_not_one_taking_place_against_its_calling_off():
    """rules-133 (heldout145): "puso fin a una huelga" ends the strike, as "desconvocaron la huelga" does:
    no strike that takes place against one called off (lexicon `halting_words`)."""
    called = features("Los trabajadores de Panrico desconvocaron la huelga tras ocho meses de conflicto.")
    ended = features("La plantilla de Panrico puso fin a una huelga de ocho meses de conflicto.")
    assert evidence(called, ended, 0.95).called_off is None
    going_on = features("La plantilla de Panrico mantiene la huelga tras ocho meses de conflicto.")
    assert evidence(called, going_on, 0.95).called_off is not None


def test_up_to_a_value_after_a_verb_of_change_is_the_value_reached():
    """rules-104 (heldout94): "aprobó elevar el salario mínimo hasta 850 euros" sets it at 850, no ceiling
    that "hasta 900 euros" would keep; a modal keeps the ceiling ("pueden subir hasta 600 euros")."""
    assert [f.bound for f in features("El Gobierno aprobó elevar el salario mínimo hasta 850 euros al mes.").figures
            if f.unit == "eur"] == [""]
    assert [f.bound for f in features("Las multas pueden subir hasta 600 euros.").figures] == ["max"]
    assert [f.bound for f in features("Las rebajas llegan hasta 600 euros.").figures] == ["max"]
    assert [f.bound for f in features("El Gobierno aprobó una subida de hasta 600 euros.").figures] == ["max"]
    assert _figures_in_dispute("El Gobierno aprobó subir el salario mínimo un 22 % en 2019, hasta 900 euros.",
                               "El Gobierno aprobó elevar el salario mínimo hasta 850 euros para 2019.")


def test_seats_counted_after_two_parties_are_two_parties_seats():
    """rules-104 (heldout92, heldout94): "El PP de Juanma Moreno ... con 58 escaños" and "... y Vox se quedó
    en 14 escaños" count two parties' seats (lexicon `political_parties`, named before each count); a party
    named after the count is no owner of it, and one party's two counts are in dispute."""
    assert not _figures_in_dispute("El PP de Juanma Moreno logró la mayoría absoluta en junio de 2022 con 58 escaños.",
                                   "Macarena Olona no logró su objetivo en junio y Vox se quedó en 14 escaños.")
    assert _figures_in_dispute("El PP de Isabel Díaz Ayuso obtuvo 65 escaños en las elecciones de mayo de 2021.",
                               "Ayuso logró 58 diputados en las elecciones de mayo de 2021 y necesitará a Vox.")
    assert _figures_in_dispute("El PP de Juanma Moreno logró la mayoría absoluta en junio de 2022 con 58 escaños.",
                               "El Partido Popular de Moreno obtuvo 55 diputados en junio de 2022.")


def test_seats_counted_after_two_peoples_names_are_two_parties_seats():
    """rules-137 (heldout84, heldout94, heldout145): "Juanma Moreno logró la mayoría absoluta ... con 58
    escaños" and "El PSOE de Juan Espadas obtuvo 30 escaños" count the seats of someone each claim names
    before its count and the other never does; a party against a person is no such pair ("Vox logró 12
    escaños" / "El partido de Santiago Abascal ... 16 diputados": a leader stands for a party)."""
    def seats(text: str, *people: str) -> ClaimFeatures:
        return claim_features(claim(text, entities=[Entity(p, p, "PER") for p in people]))

    moreno = seats("Juanma Moreno logró la mayoría absoluta en las elecciones andaluzas con 58 escaños.",
                   "Juanma Moreno")
    espadas = seats("El PSOE de Juan Espadas obtuvo 30 escaños en las elecciones andaluzas.", "Juan Espadas")
    found = evidence(moreno, espadas, 0.92)
    assert found.figure_conflict is None and found.figure_disputed is None, found
    again = seats("Juanma Moreno obtuvo 55 escaños en las elecciones andaluzas.", "Juanma Moreno")
    found = evidence(moreno, again, 0.92)
    assert found.figure_conflict is not None or found.figure_disputed is not None, found
    vox = seats("Vox logró 12 escaños en las elecciones andaluzas de diciembre de 2018.")
    abascal = seats("El partido de Santiago Abascal logró 16 diputados en las andaluzas de diciembre de 2018.",
                    "Santiago Abascal")
    found = evidence(vox, abascal, 0.92)
    assert found.figure_conflict is not None or found.figure_disputed is not None, found


def test_an_annulment_confirmed_is_an_annulment():
    """rules-105 (heldout95): "confirmó la nulidad de la ordenanza" annuls as "anuló" does, no upholding
    against annulling."""
    annulled = features("El Tribunal Supremo anuló la ordenanza de Madrid Central por defectos de forma.")
    confirmed = features("El Tribunal Supremo confirmó la nulidad de la ordenanza de Madrid Central por defectos.")
    assert evidence(annulled, confirmed, 0.93).antonyms is None
    assert evidence(features("El Tribunal Supremo avaló la ordenanza de Madrid Central por defectos de forma."),
                    annulled, 0.93).antonyms is not None


def test_a_few_dead_are_counted_exactly_and_their_state_may_follow_a_long_noun():
    """rules-114 (heldout105): a count under a hundred is written to the unit ("80 muertos" is not "79
    personas" killed, "al menos 51" not 49), where thousands are rounded; a count's state may follow
    its noun past a longer phrase ("Once miembros de un retén de extinción murieron"), but not as a noun
    of its own after an article ("16 guardias civiles investigados por las muertes" are alive); those
    tried are "acusados" and "procesados" alike."""
    assert _figures_in_dispute("El descarrilamiento del tren en la curva dejó 80 muertos en julio.",
                               "El accidente del tren en la curva costó la vida a 79 personas en julio.")
    assert _figures_in_dispute("Al menos 51 personas murieron en el choque del tren en la estación.",
                               "El choque del tren en la estación dejó 49 muertos.")
    assert not _figures_in_dispute("Unos 80 muertos dejó el choque del tren en la estación.",
                                   "El choque del tren en la estación dejó 79 muertos.")
    assert not _figures_in_dispute("La marcha reunió a 1.000 personas en el centro de la ciudad.",
                                   "La marcha reunió a 1.040 personas en el centro de la ciudad.")
    assert [f.unit for f in features("Once miembros de un retén de extinción murieron en el incendio.").figures] \
        == ["death"]
    assert "death" not in [f.unit for f in features(
        "La jueza archivó la causa contra los 16 guardias civiles investigados por las muertes.").figures]
    assert _figures_in_dispute("El tribunal condenó a 21 de los 28 acusados por los atentados.",
                               "La sentencia condenó a 18 de los 28 procesados y absolvió a los demás.")


def test_a_denial_of_a_kidnapping_denies_holding_someone():
    """rules-114 (heldout105): "nunca estuvo secuestrado" denies what "retuvieron al alcalde" states (the
    predicates' "secuestrar" / "retener"), as "no quemó" denies "incineró"."""
    verdict = classify(claim("Agentes sublevados retuvieron al alcalde Pedro Ruiz en el ayuntamiento durante horas."),
                       claim("Pedro Ruiz nunca estuvo secuestrado en el ayuntamiento, sostuvieron los agentes."),
                       similarity=0.9)
    assert verdict.relation == Relation.CONTRADICTS, verdict.reason
    assert "denies what" in verdict.reason
    verdict = classify(claim("Pedro Ruiz incineró los documentos del caso en el basurero municipal."),
                       claim("Pedro Ruiz no quemó los documentos del caso en el basurero municipal, dijo su abogado."),
                       similarity=0.9)
    assert verdict.relation == Relation.CONTRADICTS, verdict.reason


def test_a_death_of_a_count_is_a_toll_and_a_day_joined_to_a_date_is_a_day():
    """rules-115 (heldout106, heldout105): "causó el 24 de julio la muerte de 80 personas" counts the dead,
    whatever stands between the verb and "la muerte"; "entre el 17 y el 18 de mayo" names two days of
    May, no bare 17 that any count of the other claim could agree with."""
    assert [f.unit for f in features("El choque causó el 24 de julio de 2013 la muerte de 80 personas.").figures
            if f.value == 80] == ["death"]
    assert _figures_in_dispute("El choque del tren causó el 24 de julio la muerte de 80 personas.",
                               "El choque del tren dejó 64 muertos el 24 de julio.")
    assert [(f.value, f.unit) for f in features("Entraron entre el 17 y el 18 de mayo.").figures] \
        == [(17.0, "may"), (18.0, "may")]
    assert [f.unit for f in features("Los días 17 y 18 de mayo hubo huelga.").figures] == ["may", "may"]


def test_voters_are_counted_as_people():
    """rules-116 (heldout107): "2.286.217 personas votaron" and "3,1 millones de votantes" count one thing."""
    assert [f.unit for f in features("Votaron 3,1 millones de votantes.").figures] \
        == [f.unit for f in features("Votaron 2.286.217 personas.").figures]


def test_a_resignation_told_bare_and_a_begun_eruption_are_read_as_such():
    """rules-117 (heldout108, heldout105): "renunció en septiembre" resigns, against "completó su
    mandato"; "la erupción que había arrancado el 19 de septiembre" tells the start of what the other
    claim says began, no beginning against an end; "eurodiputados" are seats."""
    assert evidence(features("El presidente Otto Pérez renunció en septiembre tras el escándalo de La Línea."),
                    features("El presidente Otto Pérez completó su mandato tras el escándalo de La Línea."),
                    0.93).antonyms is not None
    assert evidence(features("La erupción del volcán comenzó el 19 de septiembre y duró 85 días."),
                    features("Tras 85 días dieron por terminada la erupción del volcán, que había arrancado el "
                             "19 de septiembre."), 0.93).antonyms is None
    assert _figures_in_dispute("Podemos obtuvo cinco eurodiputados en las elecciones europeas de mayo.",
                               "Podemos logró tres escaños en las elecciones europeas de mayo.")


def test_hostages_and_employees_are_counted_as_the_kidnapped_and_workers():
    """rules-118 (heldout110, heldout109): "siete rehenes" and "catorce secuestrados" count one thing, as
    "925 empleados" and "861 trabajadores" do."""
    assert _figures_in_dispute("El Ejército liberó a Betancourt y a otros catorce secuestrados en la operación.",
                               "La operación permitió rescatar a Betancourt y a otros siete rehenes.")
    assert _figures_in_dispute("El ERE de Telemadrid supuso el despido de 861 trabajadores en 2013.",
                               "Telemadrid despidió a 925 empleados en el ERE de 2013.")


def test_a_death_caused_before_the_wounded_and_a_term_until_a_year_are_read_as_such():
    """rules-119 (heldout113): "causó la muerte de 43 personas y heridas a otras 47" counts 43 dead, the
    wounded state after "personas" being the next count's; "seguirá en el cargo hasta 2013" names no year
    of the event, so a claim dated 2012 is no other year's story."""
    assert [(f.value, f.unit) for f in features(
        "El descarrilamiento causó la muerte de 43 personas y heridas a otras 47.").figures
        if f.value == 43] == [(43.0, "death")]
    destituted = features("El Senado de Paraguay destituyó a Fernando Lugo en el juicio político del 22 de junio "
                          "de 2012.")
    absolved = features("El Senado paraguayo absolvió a Lugo en el juicio político del 22 de junio y el mandatario "
                        "seguirá en el cargo hasta 2013.")
    assert not evidence(destituted, absolved, 0.94).years_apart
    assert evidence(destituted, absolved, 0.94).antonyms is not None
    assert evidence(destituted, features(absolved.proposition.replace("hasta 2013", "en 2013")), 0.94).years_apart
    # rules-131: so does a term until a month of a year, and that month is no month of the event
    survived = features("Fernando Lugo superó el juicio político en el Senado paraguayo y seguirá en la presidencia "
                        "hasta agosto de 2013.")
    assert not survived.months and not evidence(destituted, survived, 0.95).years_apart
    assert evidence(destituted, survived, 0.95).antonyms is not None
    assert features(survived.proposition.replace("hasta agosto", "en agosto")).months
    # rules-137 (heldout156): nor is a month a term runs from ("gobernará Colombia desde agosto"): the winner
    # of June's runoff beaten in it is told of one month
    won = claim("Gustavo Petro ganó la segunda vuelta de junio de 2022 ante Rodolfo Hernández.")
    beaten = claim("Rodolfo Hernández se impuso a Petro en la segunda vuelta de 2022 y gobernará desde agosto.")
    assert not features(beaten.text).months
    verdict = classify(won, beaten, similarity=0.95)
    assert verdict.relation == Relation.CONTRADICTS and "opposite winners" in verdict.reason, verdict.reason


def test_a_day_of_a_month_is_a_whole_number_up_to_31():
    """rules-138 (heldout159): "el terremoto de 7,8 de abril de 2016" writes a magnitude bare before its
    month, no day of April that "el 16 de abril" would dispute; a whole number up to 31 is still a day."""
    quake = features("El terremoto de 7,8 de abril de 2016 causó cerca de 700 muertos en Manabí.")
    assert [(f.value, f.unit) for f in quake.figures if f.unit != "year"] == [(7.8, ""), (700.0, "death")]
    assert [f.unit for f in features("El terremoto del 16 de abril de 2016.").figures] == ["abril", "year"]
    assert not _figures_in_dispute(
        "Un terremoto de magnitud 7,8 golpeó la costa de Ecuador el 16 de abril de 2016 y dejó más de 670 muertos.",
        "Manabí fue la provincia más castigada por el terremoto de 7,8 de abril de 2016, con cerca de 700 muertos.")


def test_a_season_written_short_names_both_its_years():
    """rules-123 (heldout121): "la Liga 2003-04" names 2004 too, so a claim dated "en 2004" is no other
    year's story and two point totals of that season are in dispute; a bare "2003" is still another year."""
    season = "El Valencia CF ganó la Liga 2003-04 con 77 puntos, a cinco del Barcelona."
    same_year = "El Valencia de Benítez se proclamó campeón de Liga en 2004 con 83 puntos en la clasificación final."
    assert not evidence(features(season), features(same_year), 0.94).years_apart
    assert _figures_in_dispute(season, same_year)
    assert evidence(features(season.replace("2003-04", "en 2003")), features(same_year), 0.94).years_apart


@pytest.mark.parametrize("first, ahead", [
    ("Costa Rica se convirtió el 26 de mayo de 2020 en el primer país de Centroamérica en legalizar el matrimonio "
     "entre personas del mismo sexo.",
     "Panamá fue el primer país centroamericano en reconocer el matrimonio igualitario, por delante de Costa Rica."),
    ("Argentina se convirtió en 2010 en el primer país de América Latina en aprobar el matrimonio igualitario.",
     "Uruguay fue el primer país latinoamericano en legalizar el matrimonio igualitario, tres años antes de que lo "
     "hiciera Argentina."),
    ("Spain became the first country in Europe to ban the sale of the drug.",
     "France was the first country in Europe to ban the sale of the drug, ahead of Spain."),
])
def test_a_first_ahead_of_the_one_the_other_claim_says_is_first_contradicts(first, ahead):
    """rules-119 (heldout113, heldout111): only one is the first of one kind at one thing; a claim that
    names another first ahead of the one the other claim says is first contradicts it, the way winners
    swapped do."""
    language = "en" if first.startswith("Spain") else "es"
    verdict = classify(claim(first, language=language), claim(ahead, language=language), similarity=0.93)
    assert verdict.relation == Relation.CONTRADICTS, verdict.reason
    assert "two firsts" in verdict.reason
    assert evidence(features(ahead, language), features(first, language), 0.93).first_overtaken is not None


def test_a_first_of_ones_own_or_ahead_of_someone_else_is_no_second_first():
    """One's own first ("su primera victoria") anyone may have too; a first ahead of someone the other
    claim does not say is first, and a negated first, dispute nothing."""
    won = features("Angela Stanford obtuvo su primera victoria en el circuito de la LPGA.")
    ahead = features("Michelle Wie sumó su primera victoria en el circuito de la LPGA, por delante de Stanford.")
    assert evidence(won, ahead, 0.9).first_overtaken is None
    first = features("Panamá fue el primer país de la región en aprobar la ley, por delante de Chile.")
    assert evidence(features("Costa Rica fue el primer país de la región en aprobar la ley."), first,
                    0.9).first_overtaken is None
    assert evidence(features("Chile no fue el primer país de la región en aprobar la ley."), first,
                    0.9).first_overtaken is None


def test_an_earthquake_and_its_dead_are_one_thing_whichever_word_is_written():
    """rules-119 (heldout113): "sismo" and "terremoto", "fallecidos" and "muertos" are one word each
    (lexicon `synonyms`): two tolls of one earthquake, worded apart, are in dispute."""
    assert features("El sismo dejó 370 muertos.").stems == features("El terremoto dejó 370 fallecidos.").stems
    assert _figures_in_dispute("El sismo del 19 de septiembre en el centro de México dejó 370 muertos.",
                               "Protección Civil cifró en 225 el número total de fallecidos por el terremoto del 19S.")


def test_the_no_voted_for_negates_nothing_and_a_finding_is_a_frame():
    """rules-120 (heldout113, heldout114): "con el 50,2 % de votos por el No" names the option voted for,
    no negation of the claim ("la victoria del no" too; "él no lo sabía", the pronoun, still negates);
    "Los expertos del GIEI concluyeron que no hay pruebas de que ..." reports a finding, whose denial is
    restated."""
    assert "no" not in features("Los colombianos rechazaron el acuerdo de paz, con el 50,2 % de votos por el No.").cues
    assert "no" not in features("El plebiscito terminó con la victoria del no en todo el país.").cues
    assert "no" in features("Él no lo sabía cuando firmó el acuerdo.").cues
    assert "nunca" in features("Confiesa que aunque se interesó por él, nunca creyó en su proyecto.").cues
    rejected = claim("Los colombianos rechazaron en el plebiscito el acuerdo de paz con las FARC, con el 50,2 % "
                     "de votos por el No.")
    passed = claim("El Sí se impuso en el plebiscito y los colombianos respaldaron el acuerdo de paz con las FARC.")
    verdict = classify(rejected, passed, similarity=0.93)
    assert verdict.relation == Relation.CONTRADICTS and "opposite directions" in verdict.reason
    text = "Los expertos del GIEI concluyeron que no hay pruebas de que los estudiantes fueran quemados en Cocula."
    assert denied_statement(text, strip_frame(text)) == "Los estudiantes fueran quemados en Cocula"
