// Tests of csat/pls/predict.hpp: leave-one-out PLSpredict of ECSI on mobi reproduces seminr 2.3.2 (PLS and LM,
// out of sample and in sample, predictions and metrics); k-fold is seeded and identical for any thread count;
// the EA and DA techniques agree with an independent re-estimation per fold; metrics and CVPAT by definition;
// bad input is rejected naming the culprit.
#include <csat/pls/predict.hpp>
#include <csat/model/presets.hpp>

#include <catch2/catch.hpp>

#include "support/shared.hpp"

#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <random>
#include "support/models.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;

using csat_test::ecsi;

namespace {

// seminr 2.3.2 predict_pls(ecsi, predict_DA, noFolds = NULL) on mobi (../shared/reference/pls_beyond_mobi.json,
// block plspredict): per indicator RMSE and MAE of PLS and LM, out of sample (oos) and in sample (is).
struct ref_metric { const char* indicator; const char* construct; double pls_oos_rmse, pls_oos_mae, lm_oos_rmse, lm_oos_mae, pls_is_rmse, pls_is_mae, lm_is_rmse, lm_is_mae; };
static const ref_metric ref_metrics[] = {
  {"CUEX1", "Expectation", 1.5327276772739036, 1.1540045743891363, 1.613517277811782, 1.2219350688296513, 1.516141149375385, 1.1426360747210587, 1.4126044908927622, 1.0900080768816887},
  {"CUEX2", "Expectation", 1.6547361074398754, 1.2191660684512462, 1.7721131555674807, 1.3061415232173763, 1.636450185455923, 1.2063924801815507, 1.5472344969655416, 1.1611608446670616},
  {"CUEX3", "Expectation", 2.029257506310864, 1.5828296265172785, 2.0004779962515893, 1.5324656854226297, 2.010486816341164, 1.5691853482451041, 1.7842862617344115, 1.3782477735586163},
  {"CUSA1", "Satisfaction", 0.9420456611227612, 0.7291529086329186, 0.9458410163336055, 0.7256948705737924, 0.9272305762425278, 0.7188275168482479, 0.8435457996520318, 0.6538322084698964},
  {"CUSA2", "Satisfaction", 1.3240088931072647, 0.9740768527463972, 1.3617563034678746, 1.0258985911592278, 1.3004384242437983, 0.9582946458572462, 1.2232009164283295, 0.9274682192443274},
  {"CUSA3", "Satisfaction", 1.2235841036913315, 0.9030900037258145, 1.1541980243181347, 0.8215761771294223, 1.202514290970821, 0.8889729416418705, 1.0087669928803888, 0.7322822871014419},
  {"CUSL1", "Loyalty", 2.3774589462828235, 1.7616497402623095, 2.460958606338812, 1.7877347854046217, 2.341551741215642, 1.7356564167888315, 2.198095507589949, 1.607104326011316},
  {"CUSL2", "Loyalty", 2.8378199196992453, 2.4049030134789966, 2.9130866686228223, 2.3756509221856246, 2.813861808922541, 2.3844144773394804, 2.6482430355399016, 2.1638249164415138},
  {"CUSL3", "Loyalty", 1.6665262886090522, 1.171364960211798, 1.7409021201570494, 1.2015851087573717, 1.6345584475001003, 1.1524335369144352, 1.5174950156878686, 1.069997369970335},
  {"PERQ1", "Quality", 1.235668601014261, 0.9291851590791567, 0.9995190819005845, 0.7653371862311655, 1.2217437631033046, 0.919030149514794, 0.8991171586319613, 0.6974657410255343},
  {"PERQ2", "Quality", 1.8062464018520044, 1.3819370499474644, 1.491681052821609, 1.1135251412743863, 1.7902849161710213, 1.3705152914127634, 1.3519922292615034, 1.01883804923355},
  {"PERQ3", "Quality", 1.6562166323470409, 1.2477593403976184, 1.3488931469862133, 1.0124008630740904, 1.6379215178240558, 1.2344925650950695, 1.219923560803332, 0.9241555548475258},
  {"PERQ4", "Quality", 1.5323448287124801, 1.1028092686995012, 1.4157332848328268, 0.9851978496321554, 1.5181816005280406, 1.092033035673169, 1.2630992015375768, 0.8961614821337103},
  {"PERQ5", "Quality", 1.3314775914429435, 0.9843694973262522, 1.166633627715216, 0.8824128389838127, 1.3166603844937295, 0.9740503409489362, 1.0466701708134893, 0.8040992877277692},
  {"PERQ6", "Quality", 1.470312659216488, 1.0428701525524466, 1.368314070266299, 0.9714139550617088, 1.4565660483978593, 1.03307906064696, 1.1877407102866682, 0.8764517990322271},
  {"PERQ7", "Quality", 1.6920865710544892, 1.2318827342662606, 1.304007853369457, 0.9676359148667413, 1.6733191939712073, 1.2186623669791474, 1.1790370294300418, 0.8836945309194391},
  {"PERV1", "Value", 1.9454310117539848, 1.4830570774930083, 1.9484386999973216, 1.4644814207086927, 1.9191887497897193, 1.464635281457416, 1.7110281179965703, 1.3054244240126678},
  {"PERV2", "Value", 1.5057649322183395, 1.1015624938503012, 1.4711130996384858, 1.1324032931605412, 1.4801633394168658, 1.0857257912736575, 1.2641045429534656, 1.0025129431815543},
  {"CUSCO", "Complaints", 1.9449204581341835, 1.4629547045552185, 1.9949897145491973, 1.4746515791159955, 1.9273365221647083, 1.4494370148625833, 1.7221664636487233, 1.3012290855729696},
};
static const char* const ref_items[] = {"CUEX1", "CUEX2", "CUEX3", "CUSA1", "CUSA2", "CUSA3", "CUSL1", "CUSL2", "CUSL3", "PERQ1", "PERQ2", "PERQ3", "PERQ4", "PERQ5", "PERQ6", "PERQ7", "PERV1", "PERV2", "CUSCO"};
static const double ref_pls_oos_first10[10][19] = {
  {6.303041423822265, 6.264807391787504, 6.129667827209373, 6.392706244366616, 4.688139116835753, 4.836733924932861, 5.145664767257211, 4.377202977446116, 5.522634873007711, 7.547490519230262, 6.77419017858011, 7.219859487677461, 7.473860029413681, 7.49727381330758, 7.348546714349081, 7.101467644557526, 4.395692170851138, 5.370393070282412, 5.431176293645806},
  {8.563726936566756, 8.505694480870861, 8.44127625354564, 9.517585106755842, 9.470966738483401, 9.691656216016955, 9.79017739644772, 5.658333668769609, 9.848794882205485, 9.05103019720487, 8.365303262786984, 9.087321780096875, 9.149846548282571, 8.944250763223206, 9.000141521527782, 8.988168278953074, 8.04291086565906, 8.57905045019029, 8.727067946951632},
  {6.96734350505741, 6.924437086115369, 6.796603625344634, 7.520789391628584, 6.414115592879275, 6.602223140784014, 6.865017005680585, 4.846544555028779, 7.118239783270711, 7.682239417404108, 6.907034112641713, 7.3793702095158125, 7.624032953030988, 7.615790885172767, 7.485353621999937, 7.259596577229404, 5.429677384194065, 6.280276365781719, 6.94480258218646},
  {7.91735584160902, 7.854171327190665, 7.778111725256767, 7.744936015962252, 6.756481451011307, 6.944606698285873, 9.553282895126715, 5.563115511179876, 9.626988301391592, 7.910104368047984, 7.14504741687416, 7.648565316367701, 7.878156313153911, 7.8551810101927915, 7.749939464776724, 7.547960693866295, 5.8569843672282484, 6.657061373746358, 9.44629458630818},
  {8.132247247714234, 8.085547755980686, 7.976560866461444, 8.613891607615459, 8.098150225023717, 8.288258536566373, 8.70742059064109, 5.3362165179952274, 8.84829528653227, 8.276815287889063, 7.54559364458736, 8.127940187870701, 8.287428036909924, 8.196016748826796, 8.149385149360493, 8.022357920923849, 7.352424291603273, 7.9706768524646625, 8.2492906226951},
  {8.122723980672323, 8.07521283556796, 7.998716427273964, 9.112012469333225, 8.848074452782699, 9.038864426076998, 7.751073396363683, 5.07910141380607, 7.946835680217565, 8.622651282910102, 7.898076482910381, 8.54887364403467, 8.665370023047888, 8.529877930090597, 8.525971588497324, 8.446132715648616, 7.398476417512386, 8.010726047785163, 6.936543914566764},
  {6.9681564638008755, 6.945429670377505, 6.834895171290616, 7.672318531988548, 6.642050210038695, 6.830245456090939, 7.431306297235525, 4.978016066137115, 7.645711756024407, 7.23556868671406, 6.435579144218238, 6.8035446969390145, 7.127033426172223, 7.187238383197821, 6.991644879601413, 6.6932666226769255, 5.987666592899222, 6.7635944132257695, 7.514051601166517},
  {7.879505389446359, 7.82624527261255, 7.740651657576571, 7.732380119374491, 6.735271369938106, 6.919142032884188, 7.0596097260343225, 4.873218689893964, 7.291765146141004, 6.235556047005886, 5.394653593275725, 5.569172678451501, 6.0144815064736825, 6.237309762696366, 5.8857118054154824, 5.445666196724098, 5.5608973146127045, 6.388125953784349, 6.31562194940892},
  {7.411770721885191, 7.365056502348611, 7.25124358058409, 7.619757894032201, 6.558512144675127, 6.746813084134652, 6.977472158778221, 4.870763735589144, 7.223061220869789, 7.682165803328849, 6.907021302274105, 7.374871904488543, 7.623986012197498, 7.6203424398469375, 7.485297670089186, 7.255080675142732, 5.555953527877009, 6.3838120695609994, 6.578946669429187},
  {7.390408014156289, 7.348731566077502, 7.252641650445166, 7.557572907252039, 6.473220678224773, 6.661532147626479, 5.789584669089833, 4.563527119694623, 6.144204298719158, 7.351363556839516, 6.561727722246578, 6.945196630490826, 7.245392936737897, 7.292819707921278, 7.114148742472359, 6.831475125199904, 5.677283754504014, 6.490465261477681, 5.437230586755719},
};
static const double ref_lm_oos_first10[10][19] = {
  {5.813450176150787, 5.910525713123215, 5.938789123535062, 7.000614794595292, 5.335566909607918, 5.01642724768012, 4.101772582948646, 3.5353229990616493, 4.969020603737114, 5.607343652337412, 5.096007126284676, 5.400080654151936, 5.828845225469696, 4.957240139566474, 5.708199854676253, 5.79648600975864, 5.7213566213811795, 6.164082606258049, 6.062558577732509},
  {8.795306568611506, 8.550629766857611, 9.146537141821238, 9.476330239502019, 9.37687379738313, 9.801633134805503, 9.633545430625292, 5.794844975958874, 9.98914740717223, 9.947269871515626, 9.06880168862149, 9.796484702203808, 10.04196795574144, 9.863418736311841, 10.211378426328492, 10.05747462096827, 7.434133546509798, 8.512210908754252, 8.2623361006822},
  {7.442244985456713, 6.770819207680314, 6.481102461555579, 7.435523789317807, 6.134101578154676, 6.635092930149642, 6.759814755616499, 3.8190949132178527, 7.108563154490611, 7.48600568913663, 7.3635099148572545, 6.593263883781061, 7.968660262953528, 7.110509404325275, 7.658023586445843, 7.018490397168548, 5.660745850278084, 6.270599321192846, 6.082349105711443},
  {8.557109091891364, 7.120275841365949, 7.629221765407023, 8.721525652529118, 6.820932260821706, 8.9095595743397, 8.425576428797301, 4.518363356656131, 11.099239737732963, 8.695351617825924, 9.313824684415389, 7.829569843689876, 9.957686931931706, 8.283939968248498, 9.378786622206665, 7.995019344970796, 5.368867971096056, 6.272465996365842, 7.7026975429028495},
  {8.482224197255935, 8.516752978473093, 8.947338269945794, 9.187477039691196, 7.653001839529838, 7.67069674979152, 7.745530390548764, 3.9755977008263765, 8.068409655140455, 9.3686965065025, 8.666290467996863, 8.237011261581177, 8.948749772735333, 8.137782544621047, 8.804796922240364, 8.135360253051433, 7.1371993396503575, 7.886664787697496, 7.694296221826575},
  {8.259863091070821, 7.6760085943275564, 8.141148404981198, 9.094329396579521, 9.006158787336314, 9.343099502079607, 9.245990388631819, 4.844976950791784, 8.76564443003635, 8.432881109548292, 8.347690896079273, 8.398622773201954, 8.325131786794882, 9.307904011221371, 8.711270666659976, 8.124918843809596, 6.261820190818518, 7.232902881861818, 7.033051739792106},
  {7.34365577709519, 6.751528619630525, 7.005893944580141, 7.523665809256148, 6.6672384224691, 7.796131757137797, 6.7954792203688745, 3.808566471012979, 7.425089772184986, 7.223417490317852, 7.49737223713256, 7.603407646184382, 7.875184709929197, 7.199118537859016, 7.244706249821402, 7.335429523173496, 6.3271741659834895, 6.898253110095563, 8.236624469238015},
  {7.12156851695848, 7.854999501820264, 7.526897859208025, 7.482471345354393, 7.293485812643758, 7.55777304295429, 7.5818036022448565, 4.38048406338286, 7.578815253296457, 6.502015161827798, 7.158342360020118, 7.192969946015039, 7.14710851368391, 7.865195401870654, 7.036558269609596, 6.715572113508387, 4.944687093347496, 5.863089240799196, 6.9408439371970605},
  {7.1958553338166995, 6.7492347625914, 6.566998169504845, 7.6589238193320055, 6.675655374825963, 7.3996823533985125, 7.067411480663503, 4.529290882081588, 7.4147768503673, 7.73414073746672, 8.175907535722414, 7.16766293684366, 7.857697974976419, 7.907140015858931, 7.963771999941302, 6.7674740410762295, 5.118215433518865, 5.928512252485811, 5.97315224456427},
  {7.23218652436685, 7.473641819014354, 6.195467373138958, 7.105845060081566, 6.809827582425934, 6.770320974745021, 6.059515111915299, 4.892651392151815, 5.688070383479621, 6.662434291588243, 6.442399804427643, 6.422050746141801, 6.460794610931791, 7.559636489121336, 6.472640811014866, 5.963556171554167, 5.567446810038391, 5.80715485468754, 5.764163196006057},
};
static const double ref_pls_is_first10[10][19] = {
  {6.317014711080142, 6.279938281212197, 6.132551733683446, 6.392572359622635, 4.6878007807292965, 4.873450332986808, 5.165375407278046, 4.386758996436833, 5.538917601866702, 7.544286509710057, 6.769463057693401, 7.200071779232167, 7.47110746340874, 7.488008910013278, 7.33397738852928, 7.088629235014432, 4.360102249486943, 5.3376314909169, 5.448613362304888},
  {8.584816622533378, 8.528132930649711, 8.451374236332343, 9.5230062756051, 9.475769380084213, 9.666052961316673, 9.797049837384272, 5.604400762572451, 9.8514690937265, 9.065337801810132, 8.377340477309229, 9.102295121414208, 9.164085361153926, 8.94912971329458, 9.015908672474247, 9.00403105625829, 8.078447022647419, 8.60556381274657, 8.743384014510012},
  {6.9698810694480215, 6.927154781355922, 6.800157751982073, 7.52661638608902, 6.422317937428033, 6.609593833979549, 6.858601633903681, 4.831905220458867, 7.11550109432532, 7.679009594742635, 6.911915411600355, 7.36858710974897, 7.6210577127992645, 7.617467761456538, 7.482993881424166, 7.2583238434725, 5.439311866309898, 6.28611575522315, 6.940922911960695},
  {7.927973830320941, 7.877012888383029, 7.779768856084228, 7.789300901368897, 6.824086203758325, 7.011773874061943, 9.57841878306617, 5.547011112449911, 9.647902581873298, 7.913510564026768, 7.159815761669687, 7.661906523013828, 7.882067636931638, 7.84265137523521, 7.742245339600318, 7.55361390774228, 5.8781147434942085, 6.671761031520525, 9.362956403482139},
  {8.13409607473321, 8.081279569892285, 7.990612818159943, 8.624702865915413, 8.101780618857612, 8.290772598491255, 8.711565629569447, 5.319107771509891, 8.840731013174619, 8.28753190502669, 7.555135802134208, 8.129562943260307, 8.298357369324206, 8.201979613859532, 8.155831693408992, 8.02454369049813, 7.338348159000829, 7.955123062355915, 8.221859457467632},
  {8.135860448261969, 8.083028395868245, 7.992284211990593, 9.089812662903668, 8.813215703935903, 9.002938537077489, 7.7759434389164035, 5.073135264569986, 7.969618019206797, 8.627881515157126, 7.914969177995958, 8.555241562156118, 8.67721194071451, 8.52891932493259, 8.532199170148452, 8.453179416446046, 7.424574597547897, 8.030903907245461, 6.940956079300533},
  {6.9850796713856464, 6.942146328329408, 6.815550906736013, 7.683916263253895, 6.662926445511779, 6.8504466968193505, 7.436195574150373, 4.983849557646452, 7.653305551297723, 7.2460688921749785, 6.454258093115428, 6.827244515298797, 7.139182191645316, 7.201585060490969, 7.004278794705741, 6.7131690829727955, 5.98364441802509, 6.764547836664298, 7.511588866746369},
  {7.861478883318441, 7.8110531455418055, 7.7117675432685475, 7.712915561763695, 6.707277971854948, 6.894862421191779, 7.047265772282205, 4.88163137312972, 7.291190625559967, 6.294351044379774, 5.448143470935785, 5.636988572140237, 6.079881584921535, 6.287314787664102, 5.951926972421042, 5.5146732526101, 5.567960807830229, 6.399222497500735, 6.325116392134636},
  {7.4090525144797965, 7.362525814769975, 7.24921005517996, 7.61651663427122, 6.559844955631855, 6.747260963696772, 6.970962910155389, 4.861485241769259, 7.220120293970627, 7.679009890381492, 6.911915463047615, 7.368605175231006, 7.621057901316668, 7.617449482120497, 7.482994106130635, 7.258341979625459, 5.5533529761819045, 6.3863728721714335, 6.585780533877143},
  {7.392598541370646, 7.34619810662791, 7.232289864188975, 7.549690858274794, 6.457598395931497, 6.64490764576328, 5.825367914020651, 4.560239233625943, 6.153334650376573, 7.344398861781906, 6.558186025122513, 6.950221366608599, 7.248668774734512, 7.296063145876588, 7.113027841752548, 6.837018701440329, 5.664373911548693, 6.4839494434413885, 5.444461548180147},
};
static const double ref_pls_oos_colmeans[19] = {7.577079422889776, 7.528619875892406, 7.420702381039557, 7.984617787528469, 7.1233080762877785, 7.3115103915967765, 7.449398520336096, 4.986426994578705, 7.66549048726974, 7.943834497519553, 7.1919083194763465, 7.7002156075054, 7.915750402201228, 7.871897112229157, 7.775739488223857, 7.591917706812691, 6.153454960486382, 6.914398386834363, 7.0674997894723575};
static const double ref_lm_oos_colmeans[19] = {7.557170200834327, 7.504987123488599, 7.409634532051153, 7.984004409011411, 7.119980188609402, 7.3090052165160895, 7.451147730772128, 5.012399111924675, 7.660345906098663, 7.941735468164971, 7.199629410796225, 7.692937090863731, 7.914516983531389, 7.871209349945252, 7.779300780229244, 7.589666598748568, 6.174207962709962, 6.92929375426707, 7.091922567166642};


// Independent k-fold prediction: re-estimate with csat::pls::estimate on the training rows, standardize the
// held-out rows with the training means and sds, then propagate scores with the path matrix (DA) or the total
// effects from the exogenous constructs (EA), and map back through the loadings.
Eigen::MatrixXd independent_predictions(const csat::model::specification& spec, const csat::survey::data_table<double>& data,
                                        const Eigen::MatrixXi& fold, bool earliest,
                                        const std::vector<std::string>& items) {
  const Eigen::Index n = data.rows();
  const int k = fold.maxCoeff() + 1;
  Eigen::MatrixXd out(n, static_cast<Eigen::Index>(items.size()));
  for (int f = 0; f < k; ++f) {
    std::vector<Eigen::Index> train, test;
    for (Eigen::Index i = 0; i < n; ++i) (fold(i, 0) == f ? test : train).push_back(i);
    Eigen::MatrixXd X(static_cast<Eigen::Index>(train.size()), data.values.cols());
    for (std::size_t a = 0; a < train.size(); ++a) X.row(static_cast<Eigen::Index>(a)) = data.values.row(train[a]);
    const auto r = csat::pls::estimate(spec, X, data.names);
    const Eigen::Index K = static_cast<Eigen::Index>(r.constructs.size());
    for (Eigen::Index i : test) {
      Eigen::RowVectorXd xi = Eigen::RowVectorXd::Zero(K);
      for (std::size_t j = 0; j < r.indicators.size(); ++j) {
        Eigen::Index col = 0;
        while (data.names[static_cast<std::size_t>(col)] != r.indicators[j]) ++col;
        const auto jj = static_cast<Eigen::Index>(j);
        const double z = (data.values(i, col) - r.indicator_means(jj)) / r.indicator_sds(jj);
        xi += z * r.weights.row(jj);
      }
      Eigen::RowVectorXd hat = xi;
      for (Eigen::Index c = 0; c < K; ++c) {
        if (r.predecessor_count(c) == 0) continue;
        double v = 0;
        for (Eigen::Index j = 0; j < K; ++j) {
          if (earliest) {
            if (r.predecessor_count(j) == 0) v += xi(j) * r.total_effects(j, c);
          } else {
            v += xi(j) * r.paths(j, c);
          }
        }
        hat(c) = v;
      }
      for (std::size_t a = 0; a < items.size(); ++a) {
        const Eigen::Index j = r.indicator_index(items[a]);
        const Eigen::Index c = r.block[static_cast<std::size_t>(j)];
        out(i, static_cast<Eigen::Index>(a)) = hat(c) * r.loadings(j, c) * r.indicator_sds(j) + r.indicator_means(j);
      }
    }
  }
  return out;
}

}  // namespace

TEST_CASE("leave-one-out PLSpredict of ECSI reproduces seminr", "[pls][predict][reference]") {
  CSAT_NEED_SHARED("reference/pls_beyond_mobi.json");
  const auto data = csat::survey::read_csv(csat_test::shared_path("data/mobi.csv"));
  csat::pls::predict_options po;
  po.folds = 0;
  po.threads = 2;
  const auto r = csat::pls::predict(ecsi(), data, po);
  CHECK(r.leave_one_out);
  CHECK(r.folds == 250);
  CHECK(r.not_converged == 0);
  REQUIRE(r.indicators.size() == 19);
  REQUIRE(r.constructs.size() == 6);
  for (const auto& m : ref_metrics) {
    INFO(m.indicator);
    const auto& g = r.item(m.indicator);
    CHECK(g.construct == m.construct);
    CHECK_THAT(g.rmse, WithinAbs(m.pls_oos_rmse, 1e-6));
    CHECK_THAT(g.mae, WithinAbs(m.pls_oos_mae, 1e-6));
    CHECK_THAT(g.lm_rmse, WithinAbs(m.lm_oos_rmse, 1e-6));
    CHECK_THAT(g.lm_mae, WithinAbs(m.lm_oos_mae, 1e-6));
    CHECK_THAT(g.is_rmse, WithinAbs(m.pls_is_rmse, 1e-6));
    CHECK_THAT(g.is_mae, WithinAbs(m.pls_is_mae, 1e-6));
    CHECK_THAT(g.lm_is_rmse, WithinAbs(m.lm_is_rmse, 1e-6));
    CHECK_THAT(g.lm_is_mae, WithinAbs(m.lm_is_mae, 1e-6));
  }
  double worst = 0;
  for (int c = 0; c < 19; ++c) {
    const Eigen::Index j = r.indicator_index(ref_items[c]);
    for (Eigen::Index i = 0; i < 10; ++i) {
      worst = std::max(worst, std::abs(r.pls_predictions(i, j) - ref_pls_oos_first10[i][c]));
      worst = std::max(worst, std::abs(r.lm_predictions(i, j) - ref_lm_oos_first10[i][c]));
      worst = std::max(worst, std::abs(r.pls_in_sample(i, j) - ref_pls_is_first10[i][c]));
    }
    worst = std::max(worst, std::abs(r.pls_predictions.col(j).mean() - ref_pls_oos_colmeans[c]));
    worst = std::max(worst, std::abs(r.lm_predictions.col(j).mean() - ref_lm_oos_colmeans[c]));
  }
  CHECK(worst < 1e-6);
  // Q²predict against the training means (not reported by seminr): by its definition
  const auto& m = r.item("CUSA1");
  const Eigen::Index j = r.indicator_index("CUSA1");
  const double sse = (r.actual.col(j) - r.pls_predictions.col(j)).squaredNorm();
  double ssm = 0;
  for (Eigen::Index i = 0; i < 250; ++i) {
    const double train_mean = (r.actual.col(j).sum() - r.actual(i, j)) / 249.0;
    ssm += (r.actual(i, j) - train_mean) * (r.actual(i, j) - train_mean);
  }
  CHECK_THAT(m.q2_predict, WithinAbs(1 - sse / ssm, 1e-12));
  CHECK(m.q2_predict > 0.4);
}

TEST_CASE("k-fold PLSpredict is seeded and identical for 1, 2 and 8 threads", "[pls][predict][determinism]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  const auto data = csat::survey::read_csv(csat_test::shared_path("data/mobi.csv"));
  csat::pls::predict_options po;
  po.folds = 10;
  po.repetitions = 3;
  po.seed = 42;
  po.cvpat = true;
  po.threads = 1;
  const auto a = csat::pls::predict(ecsi(), data, po);
  po.threads = 2;
  const auto b = csat::pls::predict(ecsi(), data, po);
  po.threads = 8;
  const auto c = csat::pls::predict(ecsi(), data, po);
  CHECK(c.threads == 8);
  REQUIRE(a.fold.rows() == 250);
  REQUIRE(a.fold.cols() == 3);
  CHECK(a.fold == b.fold);
  CHECK(a.fold == c.fold);
  CHECK(a.pls_predictions == b.pls_predictions);
  CHECK(a.pls_predictions == c.pls_predictions);
  CHECK(a.lm_in_sample == c.lm_in_sample);
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    CHECK(a.items[i].rmse == c.items[i].rmse);
    CHECK(a.items[i].q2_predict == b.items[i].q2_predict);
    CHECK(a.items[i].lm_mae == c.items[i].lm_mae);
  }
  for (std::size_t i = 0; i < a.cvpat.size(); ++i) CHECK(a.cvpat[i].t == c.cvpat[i].t);
  // every fold has 25 rows in every repetition; repetitions differ
  for (Eigen::Index r = 0; r < 3; ++r)
    for (int f = 0; f < 10; ++f) CHECK((a.fold.col(r).array() == f).count() == 25);
  CHECK(a.fold.col(0) != a.fold.col(1));
  po.seed = 43;
  const auto d = csat::pls::predict(ecsi(), data, po);
  CHECK(d.fold != a.fold);
  CHECK(std::abs(d.items[0].rmse - a.items[0].rmse) < 0.05);  // another split, similar accuracy
  // replaying the returned folds gives the same answer
  const auto e = csat::pls::predict_folds(ecsi(), data, a.fold, po);
  CHECK(e.pls_predictions == a.pls_predictions);
  CHECK(e.items[3].lm_rmse == a.items[3].lm_rmse);
}

TEST_CASE("DA and EA predictions agree with an independent re-estimation per fold", "[pls][predict][technique]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  const auto data = csat::survey::read_csv(csat_test::shared_path("data/mobi.csv"));
  Eigen::MatrixXi fold(250, 1);
  for (Eigen::Index i = 0; i < 250; ++i) fold(i, 0) = static_cast<int>((i * 7) % 5);
  csat::pls::predict_options po;
  po.threads = 2;
  po.technique = csat::pls::predict_technique::earliest_antecedent;
  const auto ea = csat::pls::predict_folds(ecsi(), data, fold, po);
  po.technique = csat::pls::predict_technique::direct_antecedent;
  const auto da = csat::pls::predict_folds(ecsi(), data, fold, po);
  CHECK(ea.folds == 5);
  const Eigen::MatrixXd ind_ea = independent_predictions(ecsi(), data, fold, true, ea.indicators);
  const Eigen::MatrixXd ind_da = independent_predictions(ecsi(), data, fold, false, da.indicators);
  CHECK((ea.pls_predictions - ind_ea).cwiseAbs().maxCoeff() < 1e-9);
  CHECK((da.pls_predictions - ind_da).cwiseAbs().maxCoeff() < 1e-9);
  // the techniques really differ (Satisfaction has non-exogenous predecessors), but not for Expectation
  const Eigen::Index s = ea.indicator_index("CUSA1"), x = ea.indicator_index("CUEX1");
  CHECK((ea.pls_predictions.col(s) - da.pls_predictions.col(s)).cwiseAbs().maxCoeff() > 0.01);
  CHECK((ea.pls_predictions.col(x) - da.pls_predictions.col(x)).cwiseAbs().maxCoeff() < 1e-12);
  CHECK(ea.item("CUSA1").rmse > da.item("CUSA1").rmse);  // less information → worse prediction here
  CHECK(ea.lm_predictions == da.lm_predictions);          // the benchmark does not depend on the technique
}

TEST_CASE("construct metrics and CVPAT follow their definitions", "[pls][predict][metrics]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  const auto data = csat::survey::read_csv(csat_test::shared_path("data/mobi.csv"));
  csat::pls::predict_options po;
  po.folds = 10;
  po.seed = 7;
  po.cvpat = true;
  po.threads = 2;
  const auto r = csat::pls::predict(ecsi(), data, po);
  REQUIRE(r.construct_metrics.size() == 6);
  REQUIRE(r.cvpat.size() == 14);
  // pooled RMSE of Satisfaction over its three items
  double sse = 0;
  for (const char* it : {"CUSA1", "CUSA2", "CUSA3"}) {
    const Eigen::Index j = r.indicator_index(it);
    sse += (r.actual.col(j) - r.pls_predictions.col(j)).squaredNorm();
  }
  const auto& cm = r.construct_metrics[static_cast<std::size_t>(
      std::find(r.constructs.begin(), r.constructs.end(), "Satisfaction") - r.constructs.begin())];
  CHECK(cm.construct == "Satisfaction");
  CHECK_THAT(cm.rmse, WithinAbs(std::sqrt(sse / 750), 1e-12));
  CHECK(cm.score_q2_predict > 0.3);
  CHECK(cm.score_q2_predict < 1);
  // overall CVPAT against LM: paired t of the per-case loss differences
  const auto& t = r.cvpat[1];
  CHECK(t.construct.empty());
  CHECK(t.benchmark == "LM");
  Eigen::VectorXd D = Eigen::VectorXd::Zero(250);
  for (Eigen::Index j = 0; j < 19; ++j)
    D += ((r.actual.col(j) - r.lm_predictions.col(j)).cwiseAbs2() - (r.actual.col(j) - r.pls_predictions.col(j)).cwiseAbs2()) / 19.0;
  const double mean = D.mean();
  const double sd = std::sqrt((D.array() - mean).square().sum() / 249);
  CHECK_THAT(t.difference, WithinAbs(mean, 1e-12));
  CHECK_THAT(t.t, WithinAbs(mean / (sd / std::sqrt(250.0)), 1e-9));
  boost::math::students_t_distribution<double> td(249);
  CHECK_THAT(t.p, WithinAbs(boost::math::cdf(boost::math::complement(td, t.t)), 1e-12));
  // PLS beats the indicator means clearly
  CHECK(r.cvpat[0].benchmark == "IA");
  CHECK(r.cvpat[0].p < 0.001);
}

TEST_CASE("bad PLSpredict input is rejected naming the culprit", "[pls][predict][errors]") {
  CSAT_NEED_SHARED("data/mobi.csv");
  const auto data = csat::survey::read_csv(csat_test::shared_path("data/mobi.csv"));
  csat::pls::predict_options po;
  po.threads = 1;
  po.folds = 1;
  CHECK_THROWS_AS(csat::pls::predict(ecsi(), data, po), csat::domain_error);
  CHECK_THROWS_WITH(csat::pls::predict(ecsi(), data, po), Contains("options.folds = 1"));
  po.folds = 251;
  CHECK_THROWS_WITH(csat::pls::predict(ecsi(), data, po), Contains("options.folds = 251"));
  po.folds = 10;
  po.repetitions = 0;
  CHECK_THROWS_WITH(csat::pls::predict(ecsi(), data, po), Contains("options.repetitions = 0"));
  po.repetitions = 1;
  Eigen::MatrixXi short_folds = Eigen::MatrixXi::Zero(10, 1);
  CHECK_THROWS_AS(csat::pls::predict_folds(ecsi(), data, short_folds, po), csat::invalid_argument);
  CHECK_THROWS_WITH(csat::pls::predict_folds(ecsi(), data, short_folds, po), Contains("has 10 rows"));
  Eigen::MatrixXi folds(250, 1);
  for (Eigen::Index i = 0; i < 250; ++i) folds(i, 0) = static_cast<int>(i % 3);
  folds(17, 0) = -1;
  CHECK_THROWS_WITH(csat::pls::predict_folds(ecsi(), data, folds, po), Contains("folds[17,0] = -1"));
  folds(17, 0) = 4;  // fold 3 is empty
  CHECK_THROWS_WITH(csat::pls::predict_folds(ecsi(), data, folds, po), Contains("fold 3 has no rows"));
  csat::pls::estimate_options weighted;
  weighted.weights = "CUEX1";
  CHECK_THROWS_AS(csat::pls::predict(ecsi(), data, po, weighted), csat::invalid_argument);
  CHECK_THROWS_WITH(csat::pls::predict(ecsi(), data, po, weighted), Contains("case weights (column \"CUEX1\") are not supported"));

  // an indicator constant on every row but one: the fold holding that row out cannot be estimated
  auto t = data;
  const Eigen::Index c = static_cast<Eigen::Index>(std::find(t.names.begin(), t.names.end(), "PERV1") - t.names.begin());
  t.values.col(c).setConstant(5);
  t.values(40, c) = 9;
  po.folds = 0;
  CHECK_THROWS_AS(csat::pls::predict(ecsi(), t, po), csat::domain_error);
  CHECK_THROWS_WITH(csat::pls::predict(ecsi(), t, po), Contains("fold 40 (249 training rows) cannot be estimated"));
  CHECK_THROWS_WITH(csat::pls::predict(ecsi(), t, po), Contains("indicator \"PERV1\" of construct \"Value\" has zero variance"));

  // a duplicated indicator: PLS copes (Mode A), but the LM benchmark's predictors of the other constructs are
  // collinear
  auto items = csat::model::mobi_indicators();
  items.quality.push_back("PERQ1b");
  auto d = data;
  d.names.push_back("PERQ1b");
  d.values.conservativeResize(Eigen::NoChange, d.values.cols() + 1);
  d.values.col(d.values.cols() - 1) = d.values.col(d.index_of("PERQ1"));
  d.missing.push_back(0);
  po.folds = 5;
  CHECK_THROWS_AS(csat::pls::predict(csat::model::ecsi(items), d, po), csat::domain_error);
  CHECK_THROWS_WITH(csat::pls::predict(csat::model::ecsi(items), d, po),
                    Contains("the linear-model benchmark of construct \"Expectation\" has collinear predictors"));
}
