// Tests of csat/pls/bootstrap.hpp: replaying seminr's draws reproduces its bootstrap of ECSI on mobi; seeded
// resamples are identical for any thread count; failed resamples are counted; BCa and p-values by definition.
#include <csat/pls/bootstrap.hpp>
#include <csat/model/presets.hpp>

#include <catch2/catch.hpp>

#include "support/shared.hpp"

#include <boost/math/distributions/normal.hpp>

#include <cmath>
#include <fstream>
#include <random>
#include "support/models.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;

using csat_test::ecsi;

namespace {

// Reference: seminr 2.3.2 bootstrap_model(nboot = 5000, seed = 123) of ECSI on mobi, replayed from the saved
// draws (../shared/reference/pls_mobi_ecsi_bootstrap.json, ../shared/data/mobi_boot_indices_seed123_n5000.csv).
// t is NAN where seminr printed NA (single item: sd ~ 1e-16).
struct ref_boot { const char* from; const char* to; double original, mean, sd, t, lo, hi; };
static const ref_boot ref_boot_paths[] = {
  {"Image", "Expectation", 0.5049139336292103, 0.5155219358888438, 0.056780612158925714, 8.892365094902198, 0.4032706303767643, 0.622664179082239},
  {"Image", "Satisfaction", 0.17873950011921827, 0.18559514407288238, 0.053655224243785285, 3.331259959088161, 0.08336860963003996, 0.2931213373827976},
  {"Image", "Loyalty", 0.1957553331128282, 0.20502231529388745, 0.07694686657370445, 2.5440325490749083, 0.053434063954971585, 0.35579207997909823},
  {"Expectation", "Quality", 0.5567489623542684, 0.5636865318343741, 0.052653330920925084, 10.573860240492582, 0.455902163524288, 0.6624027452789849},
  {"Expectation", "Value", 0.04998839253566101, 0.054319122609445054, 0.08132762571073592, 0.614654517438619, -0.0993040143182986, 0.2200304456678283},
  {"Expectation", "Satisfaction", 0.06252286953922809, 0.059239868203806556, 0.04925449420331575, 1.2693840541970103, -0.03552695081299643, 0.15771329631043005},
  {"Quality", "Value", 0.5583043794708173, 0.5571703978607434, 0.08379729726470604, 6.662558312676815, 0.3847892246893301, 0.7092459880860138},
  {"Quality", "Satisfaction", 0.512023940041865, 0.5061381667160838, 0.06584161327890702, 7.776600762695721, 0.3729362631586988, 0.6331535359433729},
  {"Value", "Satisfaction", 0.19476510419019358, 0.19690731916676268, 0.05931438231029219, 3.283606717360995, 0.07887208302109525, 0.3108740464662426},
  {"Satisfaction", "Complaints", 0.5280662462571019, 0.5282421853005439, 0.05412803309391568, 9.755873547831904, 0.4161110472950307, 0.628249768764946},
  {"Satisfaction", "Loyalty", 0.4854776235999976, 0.48027750525136004, 0.08267518633381532, 5.8721080063829305, 0.3082306639804357, 0.6373340568744815},
  {"Complaints", "Loyalty", 0.06692606902887199, 0.0661190152880518, 0.06056163662769813, 1.105090165252619, -0.052051922214812564, 0.18598607206142645},
};
static const ref_boot ref_boot_total_effects[] = {
  {"Image", "Expectation", 0.5049139336292103, 0.5155219358888438, 0.056780612158925714, 8.892365094902198, 0.4032706303767643, 0.622664179082239},
  {"Image", "Quality", 0.2811103086262748, 0.2923840985771094, 0.05273257202344222, 5.330866632132175, 0.19215300672183314, 0.39924550241375534},
  {"Image", "Value", 0.18218495233142395, 0.19190872265930836, 0.05099174167386461, 3.572832508774677, 0.0996932304548399, 0.2949087677532393},
  {"Image", "Satisfaction", 0.389726647151981, 0.40156527565447975, 0.0605191102635425, 6.439728632077353, 0.27886346591964367, 0.5155285276490105},
  {"Image", "Complaints", 0.20580148762791267, 0.21202311438674346, 0.03832152886367382, 5.37038823163964, 0.13874158739664794, 0.28943073952270887},
  {"Image", "Loyalty", 0.39873238419299695, 0.41168149688000805, 0.06803696712815015, 5.860525549911267, 0.27192565769161336, 0.5389972732861242},
  {"Expectation", "Quality", 0.5567489623542684, 0.5636865318343741, 0.052653330920925084, 10.573860240492582, 0.455902163524288, 0.6624027452789849},
  {"Expectation", "Value", 0.36082377648388225, 0.36815182722006445, 0.07209650567114949, 5.004733213141998, 0.22472985161488424, 0.5034555830510392},
  {"Expectation", "Satisfaction", 0.417867547279263, 0.41758975856679065, 0.05664394517028115, 7.377091161695808, 0.3038661965659567, 0.5260617935456043},
  {"Expectation", "Complaints", 0.22066174712442246, 0.22022241300427414, 0.035377297912851734, 6.237382732508276, 0.1531987075265014, 0.2897835409520814},
  {"Expectation", "Loyalty", 0.21763336715277684, 0.21560506780570704, 0.04640143687642237, 4.69022904899226, 0.1284195112580067, 0.3078987794360083},
  {"Quality", "Value", 0.5583043794708173, 0.5571703978607434, 0.08379729726470604, 6.662558312676815, 0.3847892246893301, 0.7092459880860138},
  {"Quality", "Satisfaction", 0.6207621506793402, 0.616443043579673, 0.06194688407127075, 10.020877724295943, 0.4929607337078435, 0.7313882761226433},
  {"Quality", "Complaints", 0.3278035387277246, 0.32646808891281703, 0.05208471061445489, 6.293661515261456, 0.224748097084996, 0.43063353010630806},
  {"Quality", "Loyalty", 0.3233047359934299, 0.31826185581419736, 0.06225452592269993, 5.193272797464883, 0.19888708263980764, 0.4423748652440526},
  {"Value", "Satisfaction", 0.19476510419019358, 0.19690731916676268, 0.05931438231029219, 3.283606717360995, 0.07887208302109525, 0.3108740464662426},
  {"Value", "Complaints", 0.10284887747158886, 0.10404320219645931, 0.03327544326993905, 3.0908341817493463, 0.04101444025806339, 0.1702734732911468},
  {"Value", "Loyalty", 0.10143737101566666, 0.10354898476415902, 0.039769824972870724, 2.550611451895071, 0.03201272644339226, 0.18708493245094726},
  {"Satisfaction", "Complaints", 0.5280662462571019, 0.5282421853005439, 0.05412803309391568, 9.755873547831904, 0.4161110472950307, 0.628249768764946},
  {"Satisfaction", "Loyalty", 0.5208190216488177, 0.5161794905103894, 0.08529889974237084, 6.105811718812936, 0.34221462022362553, 0.6746310103852861},
  {"Complaints", "Loyalty", 0.06692606902887199, 0.0661190152880518, 0.06056163662769813, 1.105090165252619, -0.052051922214812564, 0.18598607206142645},
};
static const ref_boot ref_boot_loadings[] = {
  {"IMAG1", "Image", 0.745208072912949, 0.7400373500485018, 0.041855272349735906, 17.804401478650302, 0.6420122787830942, 0.809378050849958},
  {"IMAG2", "Image", 0.5992003824715337, 0.5986921776678661, 0.059121704493660394, 10.13503226274178, 0.4687603949970455, 0.6997482127470159},
  {"IMAG3", "Image", 0.5763589530651585, 0.5740817727019851, 0.06330229594160186, 9.104866490101177, 0.4368114829714246, 0.6851724870583454},
  {"IMAG4", "Image", 0.7687616591655216, 0.7672882738521382, 0.04548002746284613, 16.903280451920217, 0.6627405576765935, 0.8382519138750117},
  {"IMAG5", "Image", 0.7444524293743815, 0.7469830398973516, 0.030201673580064054, 24.649376710891616, 0.6838980219103211, 0.8021519998018729},
  {"CUEX1", "Expectation", 0.7707671690323203, 0.7672108846783956, 0.0500100571734115, 15.412243308574116, 0.6510452450391391, 0.8464745849900629},
  {"CUEX2", "Expectation", 0.6912454740137554, 0.6865018000839666, 0.08607768960842438, 8.030483591721582, 0.49527608931034844, 0.8275494000830944},
  {"CUEX3", "Expectation", 0.6078126405934053, 0.6059455374712709, 0.07681823194201204, 7.912348738411818, 0.44032669372658384, 0.737281320512051},
  {"PERQ1", "Quality", 0.8031781252676569, 0.80454599782308, 0.024062182012594503, 33.379272289074265, 0.7540085142509996, 0.8480090416068703},
  {"PERQ2", "Quality", 0.6381464397772887, 0.6362898440827018, 0.0503877092967617, 12.664724169516887, 0.5307371451335561, 0.7257898974474297},
  {"PERQ3", "Quality", 0.7837469183486577, 0.7841382403986227, 0.028520774931785644, 27.479860565611514, 0.7234433965333081, 0.8358029043518928},
  {"PERQ4", "Quality", 0.7694797387892137, 0.768212122176579, 0.04475197627089412, 17.194318618051053, 0.6710173826329449, 0.8458884433937307},
  {"PERQ5", "Quality", 0.7547213588535264, 0.7536261770463895, 0.03821370059196977, 19.750020206421038, 0.6736998416152749, 0.8199586390090517},
  {"PERQ6", "Quality", 0.7746433096822861, 0.7745188515635507, 0.05712962173363365, 13.559398542739414, 0.6484006864205171, 0.8677504477417635},
  {"PERQ7", "Quality", 0.7798648287051223, 0.7805554724870487, 0.03201439941886861, 24.359814422927652, 0.7096055291139515, 0.8357842411812736},
  {"PERV1", "Value", 0.9022112012066984, 0.9010269490018172, 0.020210937829748702, 44.63974946668352, 0.8558836010722056, 0.9340963504005408},
  {"PERV2", "Value", 0.9396247771447958, 0.9395721691559671, 0.007385076966586096, 127.23290243231638, 0.9236357689069331, 0.9524297528329267},
  {"CUSA1", "Satisfaction", 0.792412434110372, 0.7914775783655446, 0.029948789148277293, 26.458913920930687, 0.726269338092577, 0.8432599597060624},
  {"CUSA2", "Satisfaction", 0.8470214598350817, 0.8468832483002802, 0.021985174282756176, 38.52693860605115, 0.8004432280762931, 0.884825851660898},
  {"CUSA3", "Satisfaction", 0.8566926812865384, 0.8566166870157887, 0.017976332159040813, 47.656700694400726, 0.8176680256961609, 0.8883483537305793},
  {"CUSCO", "Complaints", 0.9999999999999999, 1.0, 1.0944537576088619e-16, NAN, 0.9999999999999998, 1.0000000000000002},
  {"CUSL1", "Loyalty", 0.820413196007857, 0.816893052531367, 0.04219595295478398, 19.442935603018352, 0.7191480495792898, 0.8862796407080547},
  {"CUSL2", "Loyalty", 0.2020217093990034, 0.19708383690830256, 0.10461676686843244, 1.9310643546561599, -0.018468496249844382, 0.38582866345218886},
  {"CUSL3", "Loyalty", 0.9154362868436374, 0.9139712434826913, 0.011585656500506174, 79.014623539343, 0.888356593429349, 0.9335942873112417},
};
static const ref_boot ref_boot_weights[] = {
  {"IMAG1", "Image", 0.30131215502841147, 0.2999416942940597, 0.026540424406722853, 11.352951648809626, 0.24520302698674837, 0.3504731914198683},
  {"IMAG2", "Image", 0.2596911530525932, 0.25958627970721765, 0.03534040146794104, 7.348279653477378, 0.18970106822375124, 0.33093330895308715},
  {"IMAG3", "Image", 0.2179230531320109, 0.21727181786383964, 0.03402139827789118, 6.405470208837016, 0.1493264698440881, 0.284854140271239},
  {"IMAG4", "Image", 0.32850356651619567, 0.32708436817042574, 0.030397569435167658, 10.806902414248365, 0.2688234403935689, 0.3884129684686656},
  {"IMAG5", "Image", 0.32468140642224574, 0.32469206398905515, 0.03402456548797037, 9.54255849459824, 0.2660805823422566, 0.39808876917970537},
  {"CUEX1", "Expectation", 0.5211806788583572, 0.5169249303869747, 0.05470559742481713, 9.527008265920594, 0.40996771678260807, 0.623306263406248},
  {"CUEX2", "Expectation", 0.4736796562027554, 0.4715121014906554, 0.07392231208380853, 6.407803582573645, 0.32278901431561785, 0.6154480303850022},
  {"CUEX3", "Expectation", 0.44563424158966664, 0.44346785804059324, 0.06739943754357808, 6.611839175980295, 0.3148942581259889, 0.5829098033455108},
  {"PERQ1", "Quality", 0.21317504216809727, 0.2129034726605116, 0.014030443306878021, 15.193749584775723, 0.18843396378567123, 0.24382396652598634},
  {"PERQ2", "Quality", 0.14472169438276708, 0.14440387746235653, 0.013478615458980986, 10.737133559688955, 0.11738505236976417, 0.1703080185014512},
  {"PERQ3", "Quality", 0.20001771132044502, 0.199708459582953, 0.01232083215827489, 16.23410730306147, 0.17714860207296712, 0.22485832319810603},
  {"PERQ4", "Quality", 0.1793994674569504, 0.17897272138230422, 0.010670866973487006, 16.812079834064935, 0.1588742858290949, 0.2002296009565177},
  {"PERQ5", "Quality", 0.17863569156492956, 0.1782583645708738, 0.012233948469232404, 14.60163838471176, 0.1536826035193028, 0.20295734191348036},
  {"PERQ6", "Quality", 0.1791207370561743, 0.17936417771984958, 0.01504356608024017, 11.906800295938517, 0.147663042260716, 0.20694630457751542},
  {"PERQ7", "Quality", 0.2154815249764497, 0.21518806218027864, 0.014266081657238883, 15.104464572240147, 0.1901814673246164, 0.24588685464264912},
  {"PERV1", "Value", 0.4792824522835674, 0.47974701084902377, 0.01996738356656051, 24.003267663281857, 0.43706531414815897, 0.5174468350744884},
  {"PERV2", "Value", 0.6040560198217142, 0.603993729584915, 0.0266208601420292, 22.691078222075415, 0.5570952298299571, 0.6613419138533875},
  {"CUSA1", "Satisfaction", 0.36486485832020576, 0.36486499937200545, 0.017641718599388546, 20.681933920703838, 0.32935594325402584, 0.39996577376968195},
  {"CUSA2", "Satisfaction", 0.38315604112082874, 0.38386543839584025, 0.015802200436912144, 24.247005513600485, 0.353554657007902, 0.4159757087239846},
  {"CUSA3", "Satisfaction", 0.45096120072156554, 0.4502659029264144, 0.01870861070121462, 24.104472957593142, 0.41591765610321885, 0.4894723122377812},
  {"CUSCO", "Complaints", 1.0, 1.0, 1.1596481199434937e-16, NAN, 0.9999999999999998, 1.0000000000000002},
  {"CUSL1", "Loyalty", 0.46066472841947825, 0.4601537998810367, 0.028766724681716982, 16.01380530861266, 0.3986396921933924, 0.5123503167850982},
  {"CUSL2", "Loyalty", 0.1142695256258444, 0.1114279539756181, 0.06030432180287961, 1.8948811993834227, -0.012039830449862132, 0.2260229106931947},
  {"CUSL3", "Loyalty", 0.6543105856502358, 0.651409784628505, 0.040154387351306685, 16.294871589640717, 0.5789983500484303, 0.7376962987000901},
};
static const ref_boot ref_boot_htmt[] = {
  {"Image", "Expectation", 0.8880304275092503, 0.8992730541733157, 0.10815347409487633, 8.210835897238367, 0.7001501931128657, 1.124112180260075},
  {"Image", "Quality", 0.9287063894617346, 0.9307049410241833, 0.038250079734781464, 24.27985499379876, 0.8532609454728866, 1.002664385732752},
  {"Image", "Value", 0.651659392487802, 0.6542197181292231, 0.06779800257213711, 9.611778633071618, 0.5123854924439636, 0.7773432378080994},
  {"Image", "Satisfaction", 0.9101009237827413, 0.9121364182466574, 0.03540507342558069, 25.705381622656937, 0.8403568554517652, 0.9774265581943139},
  {"Image", "Complaints", 0.5447313460130205, 0.5445224377476791, 0.060451577077432365, 9.01103614410712, 0.4245149206229874, 0.6581719257506892},
  {"Image", "Loyalty", 0.8669965980267245, 0.886084045066015, 0.09205453101339425, 9.418293575365382, 0.704391204039843, 1.0688295882378482},
  {"Expectation", "Quality", 0.8783368741972071, 0.8862583088554229, 0.09030601221576398, 9.726228106481297, 0.7168669837379255, 1.0776784160402206},
  {"Expectation", "Value", 0.588628982316289, 0.5968493518455811, 0.11963014532286782, 4.920406814918163, 0.3686623936335634, 0.8365337350033677},
  {"Expectation", "Satisfaction", 0.8651081935531532, 0.8729804921460986, 0.09686272724739495, 8.931280567225818, 0.6954353788393579, 1.074122351270184},
  {"Expectation", "Complaints", 0.3829522746699919, 0.38914833349295774, 0.09875172904844293, 3.8779298181415496, 0.19441034648709934, 0.5844252507842782},
  {"Expectation", "Loyalty", 0.7704142605032885, 0.7908957553455871, 0.11786343664149275, 6.5364992100703025, 0.5701316086506822, 1.036811983397612},
  {"Quality", "Value", 0.6732519893686835, 0.6754092268034244, 0.07332377838909318, 9.181905299479615, 0.5249772614314865, 0.8083600021724973},
  {"Quality", "Satisfaction", 0.9536360119334804, 0.9548555274060195, 0.029754458635451293, 32.05018863281417, 0.8944228619441336, 1.0110746550406828},
  {"Quality", "Complaints", 0.5638964407936113, 0.5625869290507712, 0.05713208006778903, 9.870049193457165, 0.4458256849922645, 0.669716183930578},
  {"Quality", "Loyalty", 0.759320187689022, 0.771142969032843, 0.09336526884032112, 8.132790673881708, 0.5875198846746733, 0.9516237430551376},
  {"Value", "Satisfaction", 0.7408089277593948, 0.7442040170123234, 0.07346231827076466, 10.084202965511501, 0.5913673431189322, 0.8762892614071028},
  {"Value", "Complaints", 0.3867673334019354, 0.3881756506616953, 0.07952587021827116, 4.863415292915275, 0.2295375713515257, 0.539691822029744},
  {"Value", "Loyalty", 0.7973165892560711, 0.7948446408455, 0.0902383701926723, 8.83567142839218, 0.6169920310510959, 0.9691284222354634},
  {"Satisfaction", "Complaints", 0.5881732335060802, 0.5877975225948636, 0.05954650884242012, 9.877543535970888, 0.46401193541718844, 0.6965598363838804},
  {"Satisfaction", "Loyalty", 0.9566456745914533, 0.9601908946318215, 0.09374857902806867, 10.20437519703664, 0.7657495678179479, 1.134046155692266},
  {"Complaints", "Loyalty", 0.5612585398239481, 0.556434552752931, 0.09030617038555092, 6.215063017595862, 0.37487609500206104, 0.729915271602026},
};


template <class Ref, class Got>
void check_block(const Ref& ref, const std::vector<Got>& got, bool stats_too) {
  REQUIRE(got.size() == sizeof(ref) / sizeof(ref[0]));
  for (const auto& x : ref) {
    const Got* g = nullptr;
    for (const auto& s : got)
      if (s.from == x.from && s.to == x.to) g = &s;
    INFO(x.from << " -> " << x.to);
    REQUIRE(g != nullptr);
    CHECK_THAT(g->original, WithinAbs(x.original, 1e-6));
    CHECK_THAT(g->mean, WithinAbs(x.mean, 1e-6));
    CHECK_THAT(g->sd, WithinAbs(x.sd, 1e-6));
    if (stats_too) {
      if (!std::isnan(x.t)) CHECK_THAT(g->t, WithinAbs(x.t, 1e-6 * std::max(1.0, std::abs(x.t))));
      CHECK_THAT(g->ci_lower, WithinAbs(x.lo, 1e-6));
      CHECK_THAT(g->ci_upper, WithinAbs(x.hi, 1e-6));
    }
  }
}

}  // namespace

TEST_CASE("replaying seminr's 5000 draws reproduces its bootstrap of ECSI on mobi", "[pls][bootstrap][reference]") {
  CSAT_NEED_SHARED("data/mobi_boot_indices_seed123_n5000.csv");
  const auto data = csat::survey::read_csv(csat_test::shared_path("data/mobi.csv"));
  const auto idx = csat::pls::read_resample_indices(csat_test::shared_path("data/mobi_boot_indices_seed123_n5000.csv"));
  REQUIRE(idx.rows() == 5000);
  REQUIRE(idx.cols() == 250);
  CHECK(idx.minCoeff() == 0);
  csat::pls::bootstrap_options bo;
  bo.threads = 2;
  const auto b = csat::pls::bootstrap_indices(ecsi(), data, idx, {}, bo);
  CHECK(b.requested == 5000);
  CHECK(b.successful == 5000);
  CHECK(b.failed == 0);
  check_block(ref_boot_paths, b.paths, true);
  check_block(ref_boot_total_effects, b.total_effects, true);
  check_block(ref_boot_loadings, b.loadings, true);
  check_block(ref_boot_weights, b.weights, true);
  check_block(ref_boot_htmt, b.htmt, true);
  // first resample, first path (seminr re-estimated the first 5 resamples; see first_resamples in the JSON)
  CHECK(b.draws.rows() == 5000);
  CHECK(b.r_squared.size() == 6);
  CHECK(b.indirect_effects.size() == 15);  // pairs with a non-zero indirect effect in the reference total_effects
  CHECK(b.bca_computed);
}

TEST_CASE("seeded bootstrap is bit-identical for 1, 2 and 3 threads", "[pls][bootstrap]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  const auto data = csat::survey::read_csv(csat_test::shared_path("data/mobi.csv"));
  csat::pls::bootstrap_options bo;
  bo.resamples = 120;
  bo.seed = 7;
  bo.scale_min = 1;
  bo.scale_max = 10;
  bo.threads = 1;
  const auto b1 = csat::pls::bootstrap(ecsi(), data, {}, bo);
  bo.threads = 2;
  const auto b2 = csat::pls::bootstrap(ecsi(), data, {}, bo);
  bo.threads = 3;
  std::size_t calls = 0;
  bo.progress = [&](std::size_t done, std::size_t total) {
    CHECK(done <= total);
    ++calls;
  };
  const auto b3 = csat::pls::bootstrap(ecsi(), data, {}, bo);
  CHECK(calls >= 1);
  CHECK((b1.draws.array() == b2.draws.array()).all());
  CHECK((b1.draws.array() == b3.draws.array()).all());
  CHECK(b1.paths[0].mean == b3.paths[0].mean);
  CHECK(b1.paths[0].bca_lower == b3.paths[0].bca_lower);
  CHECK(b1.index.size() == 7);
  // the draws bootstrap() uses are the ones resample_indices() returns
  const auto idx = csat::pls::resample_indices(250, 120, 7);
  const auto replay = csat::pls::bootstrap_indices(ecsi(), data, idx, {}, bo);
  CHECK((replay.draws.array() == b1.draws.array()).all());
  // a different seed gives different draws; every row number is in range and roughly uniform
  const auto other = csat::pls::resample_indices(250, 120, 8);
  CHECK((other.array() != idx.array()).any());
  CHECK(idx.minCoeff() >= 0);
  CHECK(idx.maxCoeff() <= 249);
  CHECK(std::abs(double(idx.cast<double>().mean()) - 124.5) < 2.0);
}

TEST_CASE("bootstrap summaries follow their definitions", "[pls][bootstrap]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  const auto data = csat::survey::read_csv(csat_test::shared_path("data/mobi.csv"));
  csat::pls::bootstrap_options bo;
  bo.resamples = 400;
  bo.seed = 99;
  bo.threads = 2;
  const auto b = csat::pls::bootstrap(ecsi(), data, {}, bo);
  const auto& s = b.paths[1];  // Image -> Satisfaction
  REQUIRE(s.from == "Image");
  REQUIRE(s.to == "Satisfaction");
  std::vector<double> v;
  for (Eigen::Index i = 0; i < b.draws.rows(); ++i) v.push_back(b.draws(i, 1));
  double mean = 0;
  for (double x : v) mean += x;
  mean /= double(v.size());
  double ss = 0;
  for (double x : v) ss += (x - mean) * (x - mean);
  const double sd = std::sqrt(ss / double(v.size() - 1));
  CHECK_THAT(s.mean, WithinAbs(mean, 1e-14));
  CHECK_THAT(s.sd, WithinAbs(sd, 1e-14));
  CHECK_THAT(s.t, WithinAbs(s.original / sd, 1e-10));
  std::sort(v.begin(), v.end());
  // type 7: h = (B - 1) p
  const double h = 399 * 0.025;
  const double q = v[9] + (h - 9) * (v[10] - v[9]);
  CHECK_THAT(s.ci_lower, WithinAbs(q, 1e-14));
  // empirical p: share of draws at or below zero, doubled
  std::size_t le0 = 0;
  for (double x : v) le0 += x <= 0;
  CHECK_THAT(s.p_empirical, WithinAbs(std::min(1.0, 2.0 * double(std::min(le0, v.size() - le0)) / 400.0), 1e-14));
  CHECK(s.p > 0);
  CHECK(s.p < 0.05);
  // BCa: with a positive bias-correction the interval moves; it lies within the range of the draws
  CHECK(s.bca_lower >= v.front());
  CHECK(s.bca_upper <= v.back());
  CHECK(s.bca_lower < s.bca_upper);
}

TEST_CASE("BCa with zero acceleration follows Efron's formula", "[pls][bootstrap]") {
  // with a = 0 the BCa level is Phi(2 z0 + z_alpha)
  std::vector<double> v;
  for (int i = -50; i <= 50; ++i) v.push_back(i == 0 ? 0.0 : i * 0.01);
  v.push_back(0.0005);  // one draw above the original, one below (the 0 itself is not below)
  v.push_back(-0.0005);
  const auto s = csat::pls::detail::summarize(v, 0.0, 0.0, 0.9, true);
  // 51 of the 103 draws lie below the original: z0 = Phi^-1(51/103); compute the expected BCa directly
  const boost::math::normal_distribution<double> N;
  const double z0 = boost::math::quantile(N, 51.0 / 103.0);
  const double a1 = boost::math::cdf(N, 2 * z0 + boost::math::quantile(N, 0.05));
  std::sort(v.begin(), v.end());
  const double h = 102 * a1;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  CHECK_THAT(s.bca_lower, WithinAbs(v[lo] + (h - double(lo)) * (v[lo + 1] - v[lo]), 1e-15));
}

TEST_CASE("failed resamples are counted and reported", "[pls][bootstrap][errors]") {
  // an indicator that is constant except in one row: resamples that miss that row have zero variance
  std::mt19937 gen(5);
  std::normal_distribution<double> nd;
  const int n = 30;
  csat::survey::data_table<double> t;
  t.names = {"a1", "a2", "b1", "b2", "c1"};
  t.values.resize(n, 5);
  for (int i = 0; i < n; ++i) {
    const double f = nd(gen);
    t.values(i, 0) = f + nd(gen);
    t.values(i, 1) = f + nd(gen);
    t.values(i, 2) = f + nd(gen);
    t.values(i, 3) = f + nd(gen);
    t.values(i, 4) = i == 0 ? 1.0 : 0.0;
  }
  t.missing.assign(5, 0);
  csat::model::specification s;
  s.reflective("A", {"a1", "a2"}).reflective("B", {"b1", "b2"}).single_item("C", "c1");
  s.path("A", "B").path("B", "C");
  csat::pls::bootstrap_options bo;
  bo.resamples = 200;
  bo.threads = 2;
  const auto b = csat::pls::bootstrap(s, t, {}, bo);
  // P(row 0 not drawn) = (29/30)^30 = 0.36
  CHECK(b.failed > 40);
  CHECK(b.failed < 110);
  CHECK(b.successful + b.failed == 200);
  CHECK_THAT(b.first_failure, Contains("indicator \"c1\" of construct \"C\" has zero variance"));
  CHECK(std::isfinite(b.paths[0].mean));
}

TEST_CASE("bad resample indices are rejected with their location", "[pls][bootstrap][errors]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  const auto data = csat::survey::read_csv(csat_test::shared_path("data/mobi.csv"));
  Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic> idx = csat::pls::resample_indices(250, 3, 1);
  idx(1, 7) = 250;
  CHECK_THROWS_AS(csat::pls::bootstrap_indices(ecsi(), data, idx), csat::domain_error);
  CHECK_THROWS_WITH(csat::pls::bootstrap_indices(ecsi(), data, idx), Contains("resample indices[1,7] = 250"));
  Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic> narrow(2, 10);
  narrow.setZero();
  CHECK_THROWS_WITH(csat::pls::bootstrap_indices(ecsi(), data, narrow), Contains("have 10 columns"));
  const std::string path = "pls_bad_indices.csv";
  {
    std::ofstream f(path);
    f << "1,2,3\n4,x,6\n";
  }
  CHECK_THROWS_AS(csat::pls::read_resample_indices(path), csat::parse_error);
  CHECK_THROWS_WITH(csat::pls::read_resample_indices(path), Contains("pls_bad_indices.csv:2:3"));
  {
    std::ofstream f(path);
    f << "1,2,3\n4,5\n";
  }
  CHECK_THROWS_WITH(csat::pls::read_resample_indices(path), Contains(":2:1: resample has 2 row numbers"));
  {
    std::ofstream f(path);
    f << "1,0,3\n";
  }
  CHECK_THROWS_WITH(csat::pls::read_resample_indices(path), Contains("positive (1-based)"));
  std::remove(path.c_str());
}
