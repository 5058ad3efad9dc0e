"""Every string a user sees, in Korean and English: one catalogue and a glossary.

Korean terms follow the lecture (../shared/seed): 합성곱, 특징 맵, 채널, stride, 패딩, 풀링,
잔차 블록, 밀집 블록, 전이 층. ``t(key, lang, **values)`` looks a string up and fills it in.
"""

from __future__ import annotations

from typing import Any

LANGS = ("ko", "en")
DEFAULT_LANG = "ko"  # the lecture is given in Korean

# key: (English, Korean)
CATALOGUE: dict[str, tuple[str, str]] = {
    # --- app frame -------------------------------------------------------------------
    "app.title": ("CNN Architecture Visualizer", "CNN 구조 시각화 도구"),
    "app.language": ("Language", "언어"),
    "app.present": ("Projector mode", "프로젝터 모드"),
    "app.present.help": ("Large type for the back row, no sidebar; → and ← (or a clicker) step through "
                         "the lesson. Add present=1 to a link to open it this way.",
                         "뒷자리에서도 읽히는 큰 글씨, 사이드바 없음. → 와 ← (또는 발표용 리모컨)로 수업 단계를 "
                         "넘깁니다. 링크에 present=1을 붙이면 이 모드로 열립니다."),
    "nav.explorer": ("Explorer", "구조 탐색기"),
    "nav.section.explore": ("Explore", "탐색"),
    "nav.section.lessons": ("Lessons", "수업"),
    "nav.section.tools": ("Tools", "도구"),
    # --- explorer page -----------------------------------------------------------------
    "explorer.title": ("How the data changes shape, layer by layer",
                       "층을 지날 때마다 데이터의 모양이 어떻게 바뀌는지"),
    "explorer.caption": ("{title} ({year}) · [paper]({arxiv})", "{title} ({year}) · [논문]({arxiv})"),
    "side.arch": ("Architecture", "모델 구조"),
    "side.size": ("Input size (pixels per side)", "입력 크기 (한 변의 픽셀 수)"),
    "side.size_box": ("Exact size", "정확한 크기"),
    "side.presets": ("Presets", "자주 쓰는 크기"),
    "side.channels": ("Input channels", "입력 채널"),
    "side.channels.1": ("1 · gray", "1 · 흑백"),
    "side.channels.3": ("3 · RGB", "3 · 컬러"),
    "side.channels.help": ("1 for grayscale images like Fashion-MNIST, 3 for colour (RGB) photos.",
                           "Fashion-MNIST 같은 흑백 이미지는 1, 컬러(RGB) 사진은 3입니다."),
    "side.classes": ("Classes", "클래스 수"),
    "side.classes.10": ("10", "10"),
    "side.classes.1000": ("1000", "1000"),
    "side.classes.help": ("10 for Fashion-MNIST and CIFAR-10, 1000 for ImageNet.",
                          "Fashion-MNIST와 CIFAR-10은 10, ImageNet은 1000입니다."),
    "side.fixed_channels": ("This model takes {channels} channels.",
                            "이 모델의 입력 채널은 {channels}개로 정해져 있습니다."),
    "family.AlexNet": ("AlexNet", "AlexNet"),
    "family.GoogLeNet": ("GoogLeNet / Inception", "GoogLeNet / Inception"),
    "family.ResNet": ("ResNet", "ResNet"),
    "family.DenseNet": ("DenseNet", "DenseNet"),
    "metric.params": ("Parameters", "파라미터 수"),
    "metric.params.help": ("Learned numbers (weights and biases) in the whole model.",
                           "모델 전체에서 학습되는 수(가중치와 편향)의 개수입니다."),
    "metric.macs": ("MACs", "MACs (곱셈-누산)"),
    "metric.macs.help": (
        "Multiply-accumulates of one forward pass (convolutions and fully connected layers). "
        "FLOPs = 2 x MACs = {flops}.",
        "한 번의 순전파에 필요한 곱셈-누산 횟수(합성곱과 완전 연결 층). FLOPs = 2 x MACs = {flops}."),
    "metric.depth": ("Depth", "깊이"),
    "metric.depth.help": ("Layers with weights (convolutions and fully connected) on the way "
                          "from input to output.", "입력에서 출력까지 가중치가 있는 층(합성곱, 완전 연결)의 수입니다."),
    "metric.output": ("Output", "출력 모양"),
    "metric.output.help": ("Shape of what leaves the network: one score per class; softmax "
                           "turns the scores into probabilities.",
                           "네트워크를 나가는 데이터의 모양: 클래스마다 점수 하나이며, softmax가 점수를 확률로 바꿉니다."),
    "metric.memory": ("Activation memory", "활성값 메모리"),
    "metric.memory.help": ("All layer outputs of one image, stored as 32-bit floats.",
                           "이미지 한 장에 대한 모든 층의 출력을 32비트 실수로 저장할 때의 크기입니다."),
    "tab.flow": ("Shape flow & layers", "모양 변화와 층 표"),
    "tab.diagram": ("Diagram", "구조도"),
    "tab.cost": ("Parameters vs compute", "파라미터와 연산량"),
    "notice.title": ("What to notice", "눈여겨볼 점"),
    "flow.title": ("Spatial size and channels after each layer",
                   "각 층을 지난 뒤의 공간 크기와 채널 수"),
    "chart.failed": ("The chart could not be drawn (plotly.js did not load): reload the page.",
                     "차트를 그리지 못했습니다(plotly.js를 불러오지 못함). 페이지를 새로 고치세요."),
    "flow.hint": ("Click a point to select that layer.", "점을 누르면 그 층이 선택됩니다."),
    "flow.size": ("Height x width (pixels)", "높이 x 너비 (픽셀)"),
    "flow.channels": ("Channels", "채널 수"),
    "flow.layer": ("Layer", "층"),
    "flow.features": ("Numbers in a row (after flattening)", "펼친 뒤 한 줄의 숫자 개수"),
    "volumes.title": ("The whole network as feature-map stacks (overview, not to scale)",
                      "특징 맵 묶음으로 본 전체 네트워크 (개요, 실제 비율 아님)"),
    "volumes.pair": ("This layer's input and output, to scale (width × height × channels)<br>The black square is the kernel",
                     "이 층의 입력과 출력을 실제 비율로 (너비 × 높이 × 채널)<br>검은 사각형은 커널"),
    "cost.title": ("Where the parameters live and where the compute goes",
                   "파라미터가 있는 곳과 연산이 일어나는 곳"),
    "cost.params": ("Share of parameters", "파라미터 비율"),
    "cost.macs": ("Share of MACs", "연산량(MACs) 비율"),
    "cost.percent": ("Percent of the model's total", "모델 전체 대비 비율 (%)"),
    "table.title": ("Layer table", "층별 표"),
    "table.depth": ("Table depth", "표의 깊이"),
    "table.depth.help": ("1 shows the big blocks; the deepest level shows every layer.",
                         "1은 큰 블록만, 가장 깊은 단계는 모든 층을 보여 줍니다."),
    "table.minor": ("Show ReLU, batch-norm and dropout rows", "ReLU, 배치 정규화, 드롭아웃 행도 보기"),
    "table.selected": ("Selected layer", "선택한 층"),
    "col.layer": ("Layer", "층"),
    "col.module": ("Module path", "모듈 경로"),
    "col.type": ("Type", "종류"),
    "col.output": ("Output shape", "출력 모양"),
    "col.params": ("Parameters", "파라미터 수"),
    "col.macs": ("MACs", "MACs"),
    "col.kernel": ("Kernel", "커널(필터) 크기"),
    "col.stride": ("Stride", "stride(보폭)"),
    "col.padding": ("Padding", "패딩"),
    "col.rf": ("Receptive field", "수용 영역"),
    "col.formula": ("Output-size formula", "출력 크기 공식"),
    "col.flag": ("Note", "참고"),
    "flag.dropped": ("floor drops {n} px", "내림으로 {n}픽셀 버려짐"),
    "shape.flat": ("{n} numbers in a row", "{n}개의 숫자가 한 줄로"),
    "diagram.title": ("The network as a diagram", "네트워크 구조도"),
    "diagram.expand": ("Open these blocks", "펼쳐 볼 블록"),
    "diagram.expand.placeholder": ("Choose blocks to draw layer by layer", "층 단위로 그려 볼 블록을 고르세요"),
    "diagram.depth": ("Open every block down to depth", "이 깊이까지 모든 블록 펼치기"),
    "diagram.direction": ("Direction", "방향"),
    "diagram.direction.TB": ("Top to bottom", "위에서 아래로"),
    "diagram.direction.LR": ("Left to right", "왼쪽에서 오른쪽으로"),
    "diagram.gpu": ("GPU {n}", "GPU {n}"),
    "diagram.input": ("Input", "입력"),
    "diagram.output": ("Output (scores; softmax gives probabilities)",
                       "출력 (점수, softmax로 확률)"),
    "diagram.zoom": ("Click: natural size (larger); click again: fit the screen",
                     "클릭: 원래 크기(더 크게), 한 번 더: 화면에 맞추기"),
    "diagram.alt": ("Diagram of the network's layers", "신경망 층 구조도"),
    "diagram.output_map": ("Output feature map (on to the next block)", "출력 특징 맵 (다음 블록으로)"),
    "diagram.repeat": ("{block} x{n}", "{block} x{n}"),
    "diagram.legend": ("Circles merge paths: + adds (ResNet), C concatenates channels "
                       "(Inception, DenseNet). Each arrow is labelled with the shape it "
                       "carries: channels x height x width.",
                       "동그라미는 길이 합쳐지는 곳입니다: +는 덧셈(ResNet), C는 채널 연결(Inception, DenseNet). "
                       "화살표에는 지나가는 데이터의 모양(채널 x 높이 x 너비)이 적혀 있습니다."),
    "dg.conv": ("conv {k}, stride {s} · {c} filters", "합성곱 {k}, stride {s} · 필터 {c}개"),
    "dg.groups": ("{g} groups", "{g}개 그룹"),
    "dg.maxpool": ("max pool {k}, stride {s}", "최대 풀링 {k}, stride {s}"),
    "dg.avgpool": ("average pool {k}, stride {s}", "평균 풀링 {k}, stride {s}"),
    "dg.adaptive": ("adaptive average pool to {size}", "적응형 평균 풀링, {size}로"),
    "dg.linear": ("fully connected · {n} outputs", "완전 연결 · 출력 {n}개"),
    "dg.flatten": ("flatten to {n} numbers", "펼치기: 숫자 {n}개"),
    "dg.ReLU": ("ReLU", "ReLU"),
    "dg.BatchNorm2d": ("batch norm", "배치 정규화"),
    "dg.Dropout": ("dropout", "드롭아웃"),
    "dg.LocalResponseNorm": ("LRN", "LRN(국소 응답 정규화)"),
    "dg.Identity": ("identity", "항등"),
    "dg.ZeroPad2d": ("zero padding to {h}×{w}", "0으로 채우기, {h}×{w}로"),
    "dg.LeakyReLU": ("leaky ReLU", "Leaky ReLU"),
    "dg.GELU": ("GELU", "GELU"),
    "dg.Sigmoid": ("sigmoid", "시그모이드"),
    "dg.Tanh": ("tanh", "tanh"),
    "dg.Softmax": ("softmax", "softmax"),
    "dg.Dropout2d": ("dropout of whole maps", "맵 단위 드롭아웃"),
    "dg.AlphaDropout": ("alpha dropout", "알파 드롭아웃"),
    "dg.ShortcutA": ("x, 1 pixel in {s} kept, zeros up to {c} channels (option A)",
                     "x를 {s}칸에 한 픽셀만 남기고, 채널 {c}개까지 0으로 채움(옵션 A)"),
    "dg.shortcut_a": ("x (option A: subsample, zero channels)", "x (옵션 A: 건너뛰어 줄이고 0 채널 추가)"),
    "dg.identity": ("x (identity)", "x (항등 연결)"),
    "dg.projection": ("x (projection: 1×1 conv)", "x (projection: 1×1 합성곱)"),
    "dg.costs": ("{params} params · {macs} MACs", "파라미터 {params} · MACs {macs}"),
    "fix.nearest": ("Use the nearest value that works: {value}", "통과하는 가장 가까운 값으로 바꾸기: {value}"),
    "fix.button": ("Use {size} x {size}", "{size} x {size}로 바꾸기"),
    "fix.title": ("This input cannot pass through the network", "이 입력은 네트워크를 통과할 수 없습니다"),
    "arch.alexnet": ("AlexNet · torchvision", "AlexNet · torchvision"),
    "arch.alexnet_paper": ("AlexNet · 2012 paper, two GPUs", "AlexNet · 2012년 논문, GPU 2개"),
    "arch.googlenet": ("GoogLeNet · torchvision", "GoogLeNet · torchvision"),
    "arch.googlenet_paper": ("GoogLeNet · 2014 paper, Table 1", "GoogLeNet · 2014년 논문 표 1"),
    "arch.resnet18": ("ResNet-18", "ResNet-18"),
    "arch.resnet34": ("ResNet-34", "ResNet-34"),
    "arch.resnet50": ("ResNet-50 · bottleneck", "ResNet-50 · 병목 블록"),
    "arch.resnet101": ("ResNet-101", "ResNet-101"),
    "arch.resnet152": ("ResNet-152", "ResNet-152"),
    "arch.residual_block": ("Residual block · the lecture's code", "잔차 블록 · 강의 코드"),
    "arch.resnet20": ("ResNet-20 · CIFAR, paper 4.2", "ResNet-20 · CIFAR, 논문 4.2절"),
    "arch.resnet56": ("ResNet-56 · CIFAR, paper 4.2", "ResNet-56 · CIFAR, 논문 4.2절"),
    "arch.plain20": ("Plain-20 · no shortcuts (Figure 1)", "Plain-20 · 지름길 없음(그림 1)"),
    "arch.plain56": ("Plain-56 · no shortcuts (Figure 1)", "Plain-56 · 지름길 없음(그림 1)"),
    "arch.densenet121": ("DenseNet-121", "DenseNet-121"),
    "arch.densenet161": ("DenseNet-161", "DenseNet-161"),
    "arch.densenet169": ("DenseNet-169", "DenseNet-169"),
    "arch.densenet201": ("DenseNet-201", "DenseNet-201"),
    "arch.densenet_bc_100": ("DenseNet-BC-100 · CIFAR, 3 blocks", "DenseNet-BC-100 · CIFAR, 블록 3개"),
    "arch.option": ("{title} ({year})", "{title} ({year})"),
    "diagram.detail": ("Detail", "자세히 보기"),
    "diagram.detail.overview": ("Blocks closed", "블록 접기"),
    "diagram.detail.blocks": ("First block of each kind opened", "종류마다 첫 블록 펼치기"),
    "diagram.detail.layers": ("Every layer", "모든 층"),
    "diagram.too_big": ("{n} boxes is too many to draw at once; showing blocks instead. Open single blocks with the list below.",
                        "한 번에 그리기에는 상자가 {n}개로 너무 많아 블록 단위로 보여 줍니다. 아래 목록에서 블록을 하나씩 펼쳐 보세요."),
    "detail.shapes": ("Input {inp} → output {out}", "입력 {inp} → 출력 {out}"),
    "detail.params": ("Parameters: {formula}", "파라미터: {formula}"),
    "detail.macs": ("MACs: {formula}", "MACs: {formula}"),
    "detail.rf": ("Each output value sees {rf}×{rf} input pixels; neighbouring outputs are {jump} pixels apart in the input.",
                  "출력 값 하나는 입력의 {rf}×{rf} 픽셀을 봅니다. 이웃한 출력은 입력에서 {jump}픽셀 떨어져 있습니다."),
    "detail.none": ("Click a point in the chart or a row in the table to see its arithmetic.",
                    "차트의 점이나 표의 행을 누르면 그 층의 계산을 볼 수 있습니다."),
    "notice.flow": ("The {c}×{h}×{w} input leaves as {out} class scores after {depth} layers with weights; softmax turns the scores into probabilities.",
                    "{c}×{h}×{w} 입력이 가중치 층 {depth}개를 지나 클래스 점수 {out}개가 됩니다. softmax가 점수를 확률로 바꿉니다."),
    "notice.fc_vs_conv": ("The fully connected layers hold {fc}% of the parameters ({big} alone: {big_params}), while the convolutions do {conv}% of the multiply-adds.",
                          "완전 연결 층에 파라미터의 {fc}%가 있고({big} 하나만 {big_params}개), 곱셈-누산의 {conv}%는 합성곱 층에서 일어납니다."),
    "notice.first_conv": ("First convolution: {formula}.", "첫 번째 합성곱: {formula}."),
    "notice.inception": ("{n} Inception modules: each runs 1×1, 3×3, 5×5 and pooling branches side by side and concatenates them ({first}: {cin} channels in, {cout} out).",
                         "Inception 모듈 {n}개: 각 모듈은 1×1, 3×3, 5×5, 풀링 가지를 나란히 계산해 채널 방향으로 연결합니다({first}: 입력 {cin}채널, 출력 {cout}채널)."),
    "notice.residual": ("{adds} residual additions F(x) + x; {proj} of them use a 1×1 projection where the shape changes.",
                        "잔차 덧셈 F(x) + x가 {adds}번 있고, 그중 {proj}번은 모양이 바뀌는 곳이라 1×1 projection을 씁니다."),
    "notice.ledger": ("Channels: {ledger} (each dense layer adds k = {k}; each transition halves).",
                      "채널 수: {ledger} (밀집 층마다 k = {k}개씩 늘고, 전이 층에서 절반이 됩니다)."),
    "notice.memory": ("The widest layer output is {layer} with {values} values.",
                      "가장 큰 층 출력은 {layer}의 값 {values}개입니다."),
    # --- lesson: AlexNet ---------------------------------------------------------------
    "nav.alexnet": ("AlexNet: 224 → 9216", "AlexNet: 224 → 9216"),
    "alex.title": ("AlexNet: from 224×224 pixels to 9216 numbers", "AlexNet: 224×224 픽셀에서 숫자 9216개로"),
    "alex.intro": ("Five convolution layers find patterns, max-pooling layers shrink the maps, three fully connected layers decide, and softmax turns the final scores into probabilities. Every number below comes from tracing the real PyTorch model.",
                   "합성곱 층 5개가 패턴을 찾고, 최대 풀링 층이 맵을 줄이고, 완전 연결 층 3개가 판단하며, 마지막에 softmax가 점수를 확률로 바꿉니다. 아래의 모든 숫자는 실제 PyTorch 모델을 추적해서 얻은 것입니다."),
    "alex.tab.steps": ("① Layer by layer", "① 한 층씩"),
    "alex.tab.conv1": ("② Change conv1", "② conv1 바꿔 보기"),
    "alex.tab.sizes": ("③ 224 or 227?", "③ 224일까 227일까?"),
    "alex.tab.gpus": ("④ Two GPUs", "④ GPU 두 개"),
    "alex.tab.params": ("⑤ Where the parameters are", "⑤ 파라미터는 어디에"),
    "alex.layout": ("Layout", "구조"),
    "alex.layout.alexnet": ("torchvision (padding 2, 64 filters)", "torchvision (패딩 2, 필터 64개)"),
    "alex.layout.alexnet_paper": ("2012 paper (no padding, 96 filters, 2 GPUs)", "2012년 논문 (패딩 0, 필터 96개, GPU 2개)"),
    "alex.step": ("Layer", "층"),
    "alex.prev": ("◀ Previous", "◀ 이전"),
    "alex.next": ("Next ▶", "다음 ▶"),
    "alex.size": ("Input size", "입력 크기"),
    "alex.kernel": ("conv1 kernel (filter size)", "conv1 커널(필터) 크기"),
    "alex.stride": ("conv1 stride", "conv1 stride(보폭)"),
    "alex.padding": ("conv1 padding", "conv1 패딩"),
    "alex.conv1.note": ("Try stride 2 at 224: conv1 then gives floor((224 + 4 - 11) / 2) + 1 = 109, and every later layer grows with it.",
                        "224에서 stride를 2로 바꿔 보세요. conv1 출력이 floor((224 + 4 - 11) / 2) + 1 = 109가 되고, 뒤의 모든 층이 함께 커집니다."),
    "alex.sizes.intro": ("The 2012 paper says its input is 224×224, but with an 11×11 filter, stride 4 and no padding, (224 - 11) / 4 + 1 = 54.25 is not a whole number: the floor gives 54, and the maps reach fc6 as 5×5×256 = 6400 numbers instead of 9216. At 227, (227 - 11) / 4 + 1 = 55 exactly. torchvision pads by 2 instead, so 224 gives 55.",
                         "2012년 논문은 입력이 224×224라고 하지만, 11×11 필터, stride 4, 패딩 0이면 (224 - 11) / 4 + 1 = 54.25로 정수가 아닙니다. 내림하면 54가 되고, fc6에는 9216개가 아니라 5×5×256 = 6400개의 숫자가 도착합니다. 227이면 (227 - 11) / 4 + 1 = 55로 딱 맞습니다. torchvision은 대신 패딩 2를 써서 224에서 55가 됩니다."),
    "alex.sizes.case": ("{layout} at {size}", "{layout}, 입력 {size}"),
    "alex.sizes.conv1": ("conv1: {formula}", "conv1: {formula}"),
    "alex.sizes.reaches": ("Reaches fc6 with {n} numbers ({shape}).", "fc6에 숫자 {n}개({shape})가 도착합니다."),
    "alex.gpus.intro": ("In 2012 one GPU had 3 GB of memory, too little for the network, so the paper split every layer across two GPUs. conv2, conv4 and conv5 only read the maps on their own GPU (groups = 2), which halves their weights; conv3 and the fully connected layers read both.",
                        "2012년의 GPU 하나는 메모리가 3GB뿐이라 네트워크 전체를 담을 수 없었고, 그래서 논문은 모든 층을 GPU 두 개에 나누었습니다. conv2, conv4, conv5는 자기 GPU에 있는 맵만 읽어서(groups = 2) 가중치가 절반이 되고, conv3와 완전 연결 층은 양쪽을 모두 읽습니다."),
    "alex.gpus.col.layer": ("Layer", "층"),
    "alex.gpus.col.split": ("Parameters, two GPUs (groups = 2)", "파라미터, GPU 2개 (groups = 2)"),
    "alex.gpus.col.single": ("Parameters, one GPU (groups = 1)", "파라미터, GPU 1개 (groups = 1)"),
    "alex.gpus.total": ("Whole network: {split} with the split, {single} without: the split saves {saved} parameters ({pct}%).",
                        "전체 네트워크: 나누면 {split}, 나누지 않으면 {single}. 나누어서 파라미터 {saved}개({pct}%)를 아낍니다."),
    "alex.params.intro": ("fc6 alone holds {fc6} parameters: 9216 inputs × 4096 outputs + 4096 biases. The fully connected layers hold {fc}% of all parameters, the convolutions do {conv}% of the work.",
                          "fc6 하나에만 파라미터가 {fc6}개 있습니다: 입력 9216개 × 출력 4096개 + 편향 4096개. 완전 연결 층이 전체 파라미터의 {fc}%를 갖고, 계산의 {conv}%는 합성곱이 합니다."),
    "op.Conv2d": ("Convolution: each of the {c} filters slides over the input and sums products, making one feature map per filter.",
                  "합성곱: 필터 {c}개가 각각 입력 위를 움직이며 곱을 더해, 필터마다 특징 맵을 하나씩 만듭니다."),
    "op.ReLU": ("ReLU (nonlinearity): negative values become 0, positive values pass. The shape does not change.",
                "ReLU(비선형 함수): 음수는 0이 되고 양수는 그대로 지나갑니다. 모양은 바뀌지 않습니다."),
    "op.MaxPool2d": ("Max pooling: each window keeps only its largest value, so the map shrinks.",
                     "최대 풀링: 창마다 가장 큰 값만 남기므로 맵이 작아집니다."),
    "op.AvgPool2d": ("Average pooling: each window keeps the mean of its values.", "평균 풀링: 창마다 값의 평균을 남깁니다."),
    "op.AdaptiveAvgPool2d": ("Adaptive average pooling: whatever the input size, the output is {hw}.",
                             "적응형 평균 풀링: 입력 크기와 상관없이 출력이 {hw}가 됩니다."),
    "op.LocalResponseNorm": ("Local response normalisation: each value is damped by its neighbours in nearby channels (the paper's LRN).",
                             "국소 응답 정규화(LRN): 각 값을 이웃 채널의 값들로 나누어 눌러 줍니다."),
    "op.Flatten": ("Flatten (serialising): the {c}×{h}×{w} maps become one row of {n} numbers for the fully connected layers.",
                   "펼치기(serializing): {c}×{h}×{w} 맵이 완전 연결 층을 위한 숫자 {n}개의 한 줄이 됩니다."),
    "op.Dropout": ("Dropout: during training, half of these values are set to 0 at random, so the network cannot rely on any single one. At test time it does nothing.",
                   "드롭아웃: 학습할 때 이 값의 절반을 무작위로 0으로 만들어, 네트워크가 특정 값 하나에 기대지 못하게 합니다. 테스트할 때는 아무 일도 하지 않습니다."),
    "op.Linear": ("Fully connected: every one of the {fin} inputs is connected to every one of the {fout} outputs.",
                  "완전 연결: 입력 {fin}개 하나하나가 출력 {fout}개 모두와 연결됩니다."),
    "op.softmax": ("The last layer gives {n} scores; softmax turns them into {n} probabilities that add up to 1 (it has no parameters, so PyTorch models leave it to the loss function).",
                   "마지막 층은 점수 {n}개를 내고, softmax가 이를 합이 1인 확률 {n}개로 바꿉니다(파라미터가 없어서 PyTorch 모델은 손실 함수에 맡깁니다)."),
    # --- lesson: Inception ---------------------------------------------------------------
    "nav.inception": ("Inception: the 1×1 trick", "Inception: 1×1의 힘"),
    "inc.title": ("GoogLeNet / Inception: what a 1×1 convolution buys", "GoogLeNet / Inception: 1×1 합성곱이 아껴 주는 것"),
    "inc.intro": ("An Inception module looks at the same input with 1×1, 3×3 and 5×5 filters and a 3×3 max-pool side by side, then concatenates the results along the channels (H and W stay the same). Run on all input channels, the big filters would be very expensive; a 1×1 convolution first shrinks the channels (dimension reduction), and the 3×3 or 5×5 works on far fewer.",
                  "Inception 모듈은 같은 입력을 1×1, 3×3, 5×5 필터와 3×3 최대 풀링으로 나란히 본 뒤, 결과를 채널 방향으로 연결합니다(H와 W는 같음). 큰 필터를 모든 입력 채널에 적용하면 계산이 매우 비싸므로, 먼저 1×1 합성곱으로 채널 수를 줄이고(차원 축소) 3×3이나 5×5는 훨씬 적은 채널에서 계산합니다."),
    "inc.tab.example": ("① The lecture's example", "① 강의의 예"),
    "inc.tab.modules": ("② All nine modules", "② 모듈 9개 전부"),
    "inc.tab.inside": ("③ Inside a module", "③ 모듈 안쪽"),
    "inc.tab.aux": ("④ Auxiliary classifiers", "④ 보조 분류기"),
    "inc.hw": ("Height = width (pixels)", "높이 = 너비 (픽셀)"),
    "inc.cin": ("Input channels", "입력 채널"),
    "inc.reduce": ("1×1 filters", "1×1 필터 수"),
    "inc.cout": ("Filters of the big convolution", "큰 합성곱의 필터 수"),
    "inc.k": ("Big convolution", "큰 합성곱"),
    "inc.example.reduce": ("{r} filters of size 1×1 turn {h}×{w}×{cin} (height × width × channels, as in the lecture) into {h}×{w}×{r}: every pixel's {cin} numbers become {r} (a linear map of the channels). That costs {weights} weights and {macs} multiply-adds.",
                           "1×1 필터 {r}개가 {h}×{w}×{cin}(강의처럼 높이 × 너비 × 채널)을 {h}×{w}×{r}로 바꿉니다. 각 픽셀의 숫자 {cin}개가 {r}개가 됩니다(채널의 선형 변환). 가중치 {weights}개, 곱셈-누산 {macs}번이 듭니다."),
    "inc.example.direct": ("{k}×{k} on all {cin} channels", "{cin}채널 전체에 바로 {k}×{k}"),
    "inc.example.reduced": ("1×1 to {r}, then {k}×{k}", "1×1로 {r}채널, 그다음 {k}×{k}"),
    "inc.example.saving": ("The reduction needs {times:.1f}× fewer multiply-adds for the same {shape} output.",
                           "같은 {shape} 출력을 얻는 데 곱셈-누산이 {times:.1f}배 적게 듭니다."),
    "inc.col.weights": ("Weights", "가중치"),
    "inc.col.macs": ("MACs", "MACs"),
    "inc.layout": ("Layout", "구조"),
    "inc.layout.googlenet_paper": ("2014 paper (real 5×5)", "2014년 논문 (진짜 5×5)"),
    "inc.layout.googlenet": ("torchvision (\"5×5\" is 3×3)", "torchvision (\"5×5\"가 실제로는 3×3)"),
    "inc.torchvision_note": ("torchvision's GoogLeNet uses a 3×3 kernel in the branch the paper calls 5×5, a known bug kept so that its pretrained checkpoint still loads; the savings are smaller there.",
                             "torchvision의 GoogLeNet은 논문이 5×5라고 부르는 가지에 3×3 커널을 씁니다. 사전 학습된 체크포인트를 그대로 불러오려고 남겨 둔 알려진 버그이며, 그래서 절약 효과가 더 작게 나옵니다."),
    "inc.table1_note": ("The paper's Table 1 rounds its columns and has a few slips: for 4c it lists 463K parameters where the widths give 498K, and for 5a 1072K where they give 1018K. Our numbers are computed from the widths in the same table.",
                        "논문 표 1은 반올림되어 있고 몇 군데 계산 실수가 있습니다. 4c는 파라미터 463K로 적혀 있지만 표의 폭으로 계산하면 498K이고, 5a는 1072K가 아니라 1018K입니다. 여기 숫자는 같은 표의 폭으로 계산한 값입니다."),
    "inc.col.module": ("Module", "모듈"),
    "inc.col.input": ("Input", "입력"),
    "inc.col.widths": ("1×1 / 3×3 / 5×5 filters", "1×1 / 3×3 / 5×5 필터"),
    "inc.col.reduced_w": ("Weights, with 1×1 reductions", "가중치, 1×1 축소 있음"),
    "inc.col.naive_w": ("Weights, naive", "가중치, 축소 없음"),
    "inc.col.reduced_m": ("MACs, with reductions", "MACs, 축소 있음"),
    "inc.col.naive_m": ("MACs, naive", "MACs, 축소 없음"),
    "inc.col.saving": ("Fewer MACs", "MACs 절약"),
    "inc.col.out": ("Output channels (naive)", "출력 채널 (축소 없음)"),
    "inc.col.table1": ("Table 1: params K / ops M", "표 1: 파라미터 K / 연산 M"),
    "inc.naive": ("Naive module (no 1×1 reductions)", "축소 없는 모듈"),
    "inc.reduced": ("Inception module (with 1×1 reductions)", "Inception 모듈 (1×1 축소)"),
    "inc.macs_m": ("Millions of multiply-adds", "곱셈-누산 (백만)"),
    "inc.chart": ("Multiply-adds per module: naive vs with 1×1 reductions", "모듈별 곱셈-누산: 축소 없음 vs 1×1 축소"),
    "inc.total": ("All nine modules: {naive} MACs naive, {reduced} with reductions ({times:.1f}× fewer).",
                  "모듈 9개 합계: 축소 없이 {naive}, 1×1 축소로 {reduced} ({times:.1f}배 적음)."),
    "inc.module": ("Module", "모듈"),
    "inc.inside.note": ("Four branches see the same {cin}-channel input. The pooling branch's 1×1 projection matters too: pooling keeps all {cin} channels, which would otherwise pile up in the concatenation.",
                        "네 가지가 같은 {cin}채널 입력을 봅니다. 풀링 가지 뒤의 1×1도 중요합니다. 풀링은 입력 채널 {cin}개를 그대로 남기므로, 줄이지 않으면 연결할 때 채널이 계속 쌓입니다."),
    "inc.aux.intro": ("During training two extra classifiers sit on 4a and 4d. Their losses are added to the main loss with weight {w}, so the middle of the network gets a gradient directly (against the vanishing gradient). At test time they are removed and only the last softmax is used.",
                      "학습할 때는 4a와 4d에 분류기가 하나씩 더 붙습니다. 이들의 손실에 {w}을 곱해 주 손실에 더하므로, 네트워크 중간에도 기울기가 직접 전달됩니다(기울기 소실 문제 완화). 테스트할 때는 제거하고 마지막 softmax만 씁니다."),
    "inc.aux.loss": ("loss = loss(main) + {w} × loss(aux1) + {w} × loss(aux2)", "손실 = 손실(주) + {w} × 손실(aux1) + {w} × 손실(aux2)"),
    "inc.aux.params": ("The two auxiliary classifiers hold {aux} of the {total} parameters ({pct}%), all thrown away after training.",
                       "보조 분류기 두 개에 전체 파라미터 {total}개 중 {aux}개({pct}%)가 있으며, 학습이 끝나면 모두 버려집니다."),
    "dg.aux_out": ("auxiliary softmax (× {w}, training only)", "보조 softmax (× {w}, 학습 때만)"),
    # --- lesson: ResNet ---------------------------------------------------------------
    "nav.resnet": ("ResNet: F(x) + x", "ResNet: F(x) + x"),
    "res.title": ("ResNet: learn only what to add, F(x) + x", "ResNet: 더할 것만 배우기, F(x) + x"),
    "res.intro": ("The deeper a plain network, the harder it is to train: a 56-layer plain network does worse than a 20-layer one. A residual block adds its input x back to what its layers compute, F(x). The block then only has to learn the difference, and if nothing helps, F(x) = 0 passes x through unchanged.",
                  "네트워크가 깊어질수록 학습이 어려워져서, 평범한 56층 네트워크가 20층보다 성능이 나쁩니다. 잔차 블록은 층들이 계산한 F(x)에 입력 x를 다시 더합니다. 블록은 차이만 배우면 되고, 도움이 되는 것이 없으면 F(x) = 0으로 x를 그대로 통과시킵니다."),
    "res.tab.block": ("① The lecture's block", "① 강의의 블록"),
    "res.tab.compare": ("② Basic vs bottleneck", "② 기본 블록 vs 병목 블록"),
    "res.tab.projection": ("③ Projection shortcuts", "③ projection 연결"),
    "res.tab.family": ("④ ResNet-18 … 152", "④ ResNet-18 … 152"),
    "res.code": ("The lecture's code", "강의 코드"),
    "res.trace": ("Its trace", "추적 결과"),
    "res.in_dim": ("in_dim = out_dim (channels)", "in_dim = out_dim (채널)"),
    "res.mid_dim": ("mid_dim", "mid_dim"),
    "res.size": ("Feature map size", "특징 맵 크기"),
    "res.basic": ("Basic block (ResNet-18/34)", "기본 블록 (ResNet-18/34)"),
    "res.bottleneck": ("Bottleneck block (ResNet-50/101/152)", "병목 블록 (ResNet-50/101/152)"),
    "res.basic_width": ("Basic block width", "기본 블록 폭"),
    "res.bn_in": ("Bottleneck input = output channels", "병목 블록 입력 = 출력 채널"),
    "res.bn_mid": ("Bottleneck inner width", "병목 블록 안쪽 폭"),
    "res.weights": ("Conv weights", "합성곱 가중치"),
    "res.weights_formula": ("{formula}", "{formula}"),
    "res.compare.note": ("Both blocks cost about the same, but the bottleneck works on 256 channels instead of 64: the 1×1 convolutions shrink 256 to {mid} for the 3×3 and grow it back, which is what made 50, 101 and 152 layers affordable.",
                         "두 블록의 비용은 비슷하지만 병목 블록은 64채널이 아니라 256채널을 다룹니다. 1×1 합성곱이 3×3을 위해 256을 {mid}로 줄였다가 다시 늘리기 때문이며, 그래서 50, 101, 152층이 가능해졌습니다."),
    "res.projection.intro": ("Where a stage halves the size and changes the channels, x cannot be added to F(x) as it is: a 1×1 convolution with stride 2 (a projection, option B of the paper) reshapes it. Everywhere else the shortcut is the identity and costs nothing.",
                             "단계가 바뀌어 크기가 절반이 되고 채널이 달라지는 곳에서는 x를 F(x)에 그대로 더할 수 없습니다. stride 2의 1×1 합성곱(projection, 논문의 옵션 B)이 모양을 맞춥니다. 나머지 곳의 연결은 항등 연결이라 비용이 없습니다."),
    "res.col.block": ("Block", "블록"),
    "res.col.from": ("x", "x"),
    "res.col.to": ("F(x)", "F(x)"),
    "res.col.proj": ("Projection parameters", "projection 파라미터"),
    "res.family.size": ("Input size", "입력 크기"),
    "col.model": ("Model", "모델"),
    "res.col.depth": ("Depth", "깊이"),
    "res.col.blocks": ("Blocks per stage", "단계별 블록 수"),
    "res.col.block_type": ("Block", "블록 종류"),
    "fam.params_m": ("Parameters (millions)", "파라미터 (백만)"),
    "fam.macs_g": ("MACs (billions)", "MACs (십억)"),
    "fam.title": ("Parameters and multiply-adds", "파라미터와 곱셈-누산"),
    # --- lesson: DenseNet -------------------------------------------------------------
    "nav.densenet": ("DenseNet: concatenate and grow", "DenseNet: 연결하고 자라기"),
    "dense.title": ("DenseNet: concatenate, grow, compress", "DenseNet: 연결하고, 자라고, 줄이기"),
    "dense.intro": ("Every layer receives the feature maps of all layers before it, joined by concatenation (not addition as in ResNet), and adds k new maps of its own. Concatenation needs equal map sizes, so pooling happens only between dense blocks, in transition layers (BN, 1×1 conv, 2×2 average pool) that also shrink the channels.",
                    "모든 층이 앞선 모든 층의 특징 맵을 연결(concatenate)로 받고(ResNet처럼 덧셈이 아님), 자신의 새 특징 맵 k개를 더합니다. 연결하려면 맵 크기가 같아야 하므로, 풀링은 밀집 블록 사이의 전이 층(BN, 1×1 합성곱, 2×2 평균 풀링)에서만 하며 전이 층은 채널 수도 줄입니다."),
    "dense.tab.ledger": ("① Channel ledger", "① 채널 장부"),
    "dense.tab.parts": ("② Bottleneck and transition", "② 병목 층과 전이 층"),
    "dense.tab.add_cat": ("③ Add vs concatenate", "③ 덧셈 vs 연결"),
    "dense.tab.bc": ("④ The three-block DenseNet", "④ 블록 3개짜리 DenseNet"),
    "dense.base": ("Network", "네트워크"),
    "dense.k": ("Growth rate k", "성장률 k"),
    "dense.theta": ("Compression θ (transition keeps this fraction)", "압축률 θ (전이 층이 남기는 비율)"),
    "dense.blocks": ("Layers in block {i}", "블록 {i}의 층 수"),
    "dense.layer_axis": ("Dense layers and transitions, in order", "밀집 층과 전이 층 (순서대로)"),
    "dense.ledger_title": ("Channels after every layer (k = {k})", "각 층 뒤의 채널 수 (k = {k})"),
    "dense.ledger_rule": ("Inside a block the l-th layer outputs k0 + l·k channels; here {k0} + {l}·{k} = {total} at the end of block 1. A transition keeps floor(θ·m).",
                          "블록 안에서 l번째 층은 k0 + l·k 채널을 출력합니다. 여기서는 블록 1 끝에서 {k0} + {l}·{k} = {total}. 전이 층은 floor(θ·m)만 남깁니다."),
    "dense.parts.layer": ("A dense layer: BN, ReLU, 1×1 conv to 4k = {four_k}, BN, ReLU, 3×3 conv to k = {k}, then concatenated onto its input.",
                          "밀집 층: BN, ReLU, 4k = {four_k}채널로 가는 1×1 합성곱, BN, ReLU, k = {k}채널로 가는 3×3 합성곱, 그다음 입력에 연결."),
    "dense.parts.transition": ("A transition: BN, ReLU, 1×1 conv from {cin} to {cout} channels, 2×2 average pool halving {h}×{h} to {h2}×{h2}.",
                               "전이 층: BN, ReLU, {cin}에서 {cout}채널로 가는 1×1 합성곱, {h}×{h}를 {h2}×{h2}로 줄이는 2×2 평균 풀링."),
    "dense.channels": ("Input channels", "입력 채널"),
    "dense.add_result": ("ResNet adds: {a} + {b} → {out}", "ResNet은 더함: {a} + {b} → {out}"),
    "dense.cat_result": ("DenseNet concatenates: {a} and {b} → {out}", "DenseNet은 연결함: {a}와 {b} → {out}"),
    "dense.add_cat.note": ("Addition keeps the channel count and mixes old and new information; concatenation keeps both, so the next layer sees every earlier map directly (better information flow), at the price of more channels, which is why k is small.",
                           "덧셈은 채널 수를 유지하면서 예전 정보와 새 정보를 섞고, 연결은 둘 다 그대로 두어 다음 층이 앞선 모든 맵을 직접 봅니다(정보 흐름 향상). 대신 채널이 늘어나므로 k를 작게 씁니다."),
    "dense.bc.intro": ("The lecture's figure: DenseNet-BC (L = 100, k = 12) for 32×32 CIFAR images, three dense blocks joined by two transition layers.",
                       "강의의 그림: 32×32 CIFAR 이미지를 위한 DenseNet-BC (L = 100, k = 12), 전이 층 두 개로 이어진 밀집 블록 세 개."),
    # --- convolution playground ---------------------------------------------------------
    "nav.playground": ("Convolution playground", "합성곱 놀이터"),
    "play.title": ("Convolution playground", "합성곱 놀이터"),
    "play.intro": ("One convolution layer, slowly: how the filter slides, how big the result is, and what it does to a picture.",
                   "합성곱 층 하나를 천천히: 필터가 어떻게 움직이고, 결과가 얼마나 크며, 그림에 무슨 일을 하는지."),
    "play.tab.grid": ("① The sliding window", "① 움직이는 창"),
    "play.tab.image": ("② Your picture", "② 내 그림"),
    "play.n": ("Input size", "입력 크기"),
    "play.k": ("Kernel size", "커널 크기"),
    "play.s": ("Stride", "stride(보폭)"),
    "play.p": ("Padding", "패딩"),
    "play.d": ("Dilation", "팽창(dilation)"),
    "play.window": ("Window (output cell)", "창 위치 (출력 칸)"),
    "play.input": ("input", "입력"),
    "play.output": ("output", "출력"),
    "play.legend": ("Yellow: padding (zeros). Red cells: input pixels no window reaches, because the division is rounded down. Dots: the pixels the kernel multiplies.",
                    "노란 칸: 패딩(0). 붉은 칸: 나눗셈을 내림해서 어떤 창도 닿지 않는 입력 픽셀. 점: 커널이 곱하는 픽셀."),
    "play.torch": ("torch.nn.functional.conv2d on a {n}×{n} input gives {out}×{out}.", "torch.nn.functional.conv2d에 {n}×{n}을 넣으면 {out}×{out}이 나옵니다."),
    "play.empty": ("The padded input ({padded} pixels) is smaller than the kernel's span ({span} pixels): no window fits, the output would be empty.",
                   "패딩을 더한 입력({padded}픽셀)이 커널이 덮는 폭({span}픽셀)보다 작아서 창이 하나도 들어가지 않습니다. 출력이 비게 됩니다."),
    "play.source": ("Picture", "그림"),
    "play.upload": ("Upload your own picture (PNG or JPEG, up to {mb} MB)", "내 그림 올리기 (PNG 또는 JPEG, {mb}MB까지)"),
    "play.sample": ("Or use a sample", "또는 예시 그림"),
    "play.sample.sunset": ("Sunset", "노을"),
    "play.sample.poster": ("Bauhaus poster", "바우하우스 포스터"),
    "play.sample.stripes": ("Stripes", "줄무늬"),
    "play.filter": ("Filter", "필터"),
    "play.filter.edge": ("Edges", "윤곽선"),
    "play.filter.blur": ("Blur", "흐림"),
    "play.filter.sharpen": ("Sharpen", "선명하게"),
    "play.filter.emboss": ("Emboss", "엠보싱"),
    "play.filter.random": ("Random (like an untrained network)", "무작위 (학습 전 네트워크처럼)"),
    "play.fsize": ("Filter size", "필터 크기"),
    "play.before": ("Before: {h}×{w}", "적용 전: {h}×{w}"),
    "play.after": ("After conv2d: {h}×{w}", "conv2d 적용 후: {h}×{w}"),
    "play.kernel": ("The filter's numbers", "필터의 숫자"),
    "play.shrunk": ("Your picture was shrunk to {w}×{h} pixels so that the page stays quick.",
                    "페이지가 빠르게 동작하도록 그림을 {w}×{h}픽셀로 줄였습니다."),
    "img.empty": ("The file is empty. Choose a PNG or JPEG picture.", "파일이 비어 있습니다. PNG나 JPEG 그림을 고르세요."),
    "img.too_big": ("The file is {mb} MB; the limit is {limit} MB. Save a smaller version and try again.",
                    "파일이 {mb}MB입니다. {limit}MB까지만 됩니다. 더 작게 저장해서 다시 올려 주세요."),
    "img.format": ("This is a {format} file; only PNG and JPEG pictures work here.", "{format} 파일입니다. 여기서는 PNG와 JPEG 그림만 쓸 수 있습니다."),
    "img.pixels": ("The picture is {w}×{h} pixels, more than {limit} million. Resize it and try again.",
                   "그림이 {w}×{h}픽셀로 {limit}백만 픽셀보다 큽니다. 크기를 줄여서 다시 올려 주세요."),
    "img.not_image": ("This file is not a picture we can read. Choose a PNG or JPEG picture.",
                      "읽을 수 있는 그림 파일이 아닙니다. PNG나 JPEG 그림을 고르세요."),
    "img.truncated": ("The picture file is damaged or cut off. Save it again, or choose another.",
                      "그림 파일이 손상되었거나 잘렸습니다. 다시 저장하거나 다른 파일을 고르세요."),
    # --- feature maps -----------------------------------------------------------------------
    "nav.features": ("Feature maps of your picture", "내 그림의 특징 맵"),
    "feat.title": ("What the network makes of your picture", "네트워크가 내 그림을 어떻게 보는지"),
    "feat.intro": ("A real forward pass on this computer: your picture goes through the network and every chosen layer's feature maps are shown. Bright means a strong response.",
                   "이 컴퓨터에서 실제로 순전파를 합니다. 그림이 네트워크를 지나가고, 고른 층의 특징 맵을 보여 줍니다. 밝을수록 강하게 반응한 곳입니다."),
    "feat.untrained": ("These are the maps of an untrained network: its filters are random numbers, so the maps show little more than blurred copies and edges, and its guesses mean nothing. To see a network that has learned, train one on the training page (about {minutes} minutes for ResNet-18) or run `make weights` (all four lecture networks).",
                       "학습되지 않은 네트워크의 맵입니다. 필터가 무작위 수라서 흐릿한 복사본과 윤곽선 정도만 보이고, 추측도 의미가 없습니다. 학습된 네트워크를 보려면 실시간 학습 페이지에서 학습하거나(ResNet-18은 약 {minutes}분) `make weights`(강의의 네 네트워크 모두)를 실행하세요."),
    "feat.trained": ("Trained weights loaded from {name}.", "{name}에서 학습된 가중치를 불러왔습니다."),
    "feat.fashion": ("Trained here on Fashion-MNIST ({date}): {acc:.1%} of {n:,} test pictures right after {epochs} epochs at {size}×{size} px. It knows ten kinds of clothing, nothing else: whatever you show it, it answers with one of them.",
                     "이 컴퓨터에서 Fashion-MNIST로 학습함({date}): {size}×{size} 픽셀로 {epochs} 에폭 학습 후 시험 그림 {n:,}장 중 {acc:.1%}를 맞힘. 옷 열 가지만 압니다. 무엇을 보여 주든 그중 하나로 대답합니다."),
    "feat.fallback": ("{wanted} weights are not on this computer for this network; showing {used} instead.",
                      "이 네트워크의 {wanted} 가중치가 이 컴퓨터에 없어서 {used}(으)로 보여 줍니다."),
    "feat.source": ("Weights", "가중치"),
    "feat.src.auto": ("Best available", "있는 것 중 가장 좋은 것"),
    "feat.src.fashion": ("Fashion-MNIST (trained here)", "Fashion-MNIST (여기서 학습)"),
    "feat.src.imagenet": ("ImageNet (torchvision file)", "ImageNet (torchvision 파일)"),
    "feat.src.random": ("Untrained (random)", "학습 안 됨 (무작위)"),
    "feat.sample.fashion": ("Fashion-MNIST test picture: {name}", "Fashion-MNIST 시험 그림: {name}"),
    "feat.prep.fashion": ("Gray and shrunk to 28×28 like the training pictures, then enlarged to {size}×{size} and normalised (mean {mean}, standard deviation {std}), exactly as in training. Fashion-MNIST pictures are light objects on a black background: a drawing on white paper is inverted first.",
                          "학습 그림처럼 흑백 28×28로 줄인 다음, 학습 때와 똑같이 {size}×{size}로 키우고 정규화(평균 {mean}, 표준편차 {std})합니다. Fashion-MNIST 그림은 검은 바탕에 밝은 물건이라서, 흰 종이에 그린 그림은 먼저 색을 뒤집습니다."),
    "feat.invert": ("Invert colours", "색 뒤집기"),
    "feat.invert.auto": ("Auto", "자동"),
    "feat.invert.yes": ("Invert", "뒤집기"),
    "feat.invert.no": ("As is", "그대로"),
    "feat.invert.help": ("Auto inverts a picture whose edges are light (a drawing on paper, a product photo on white).",
                         "자동은 가장자리가 밝은 그림(종이에 그린 그림, 흰 바탕 상품 사진)을 뒤집습니다."),
    "feat.guess.fashion": ("Its {k} best guesses (softmax)", "가장 그럴듯한 {k}가지 (softmax)"),
    "feat.guess.imagenet": ("Its {k} best guesses of ImageNet's 1,000 classes (softmax)", "ImageNet 1,000개 클래스 중 가장 그럴듯한 {k}가지 (softmax)"),
    "feat.guess.random": ("Its {k} 'guesses' (untrained: meaningless)", "{k}가지 '추측' (학습 안 됨: 의미 없음)"),
    "feat.guess.imagenet_names": ("ImageNet's class names are torchvision's, in English.", "ImageNet 클래스 이름은 torchvision의 영어 이름입니다."),
    "feat.class_n": ("class {n}", "클래스 {n}"),
    "feat.arch": ("Network", "네트워크"),
    "feat.layer": ("Layer", "층"),
    "feat.count": ("How many maps", "보여 줄 맵 개수"),
    "feat.order": ("Which maps", "어떤 맵"),
    "feat.order.top": ("Strongest first", "강한 순서"),
    "feat.order.range": ("In order, from channel", "순서대로, 이 채널부터"),
    "feat.start": ("First channel", "첫 채널"),
    "feat.big": ("Channel to see large", "크게 볼 채널"),
    "feat.big.caption": ("Channel {c} of {layer}: a {h}×{w} map", "{layer}의 {c}번 채널: {h}×{w} 맵"),
    "feat.thumb": ("ch {c}", "채널 {c}"),
    "feat.prep": ("What the network receives", "네트워크가 받는 입력"),
    "feat.prep.rgb": ("Resized to {size}×{size}, then each colour channel is normalised with ImageNet's mean {mean} and standard deviation {std}, as torchvision's models expect.",
                      "{size}×{size}로 크기를 바꾼 뒤, torchvision 모델이 기대하는 대로 각 색 채널을 ImageNet 평균 {mean}, 표준편차 {std}로 정규화합니다."),
    "feat.prep.gray": ("Resized to {size}×{size} and turned grayscale with values from 0 to 1, as in the lecture's Fashion-MNIST notebooks.",
                       "강의의 Fashion-MNIST 노트북처럼 {size}×{size}로 크기를 바꾸고 0부터 1 사이 값의 흑백으로 바꿉니다."),
    "feat.filters": ("The first layer's filters ({n} of them, {k}×{k}×{c})", "첫 층의 필터 ({n}개, {k}×{k}×{c})"),
    "feat.shape": ("Output of {layer}: {shape}", "{layer}의 출력: {shape}"),
    "feat.weights": ("Trained weights (optional)", "학습된 가중치 (선택)"),
    "feat.weights.help": ("Path of a torchvision checkpoint file on this computer, for example /home/teacher/alexnet-owt-7be5be79.pth. Files under torchvision's names in torch's hub cache (~/.cache/torch/hub/checkpoints, or $TORCH_HOME/hub/checkpoints) are found without typing. Nothing is downloaded. The environment variable CNNVIS_WEIGHTS can set it when the app starts.",
                          "이 컴퓨터에 있는 torchvision 체크포인트 파일의 경로입니다. 예: /home/teacher/alexnet-owt-7be5be79.pth. torch의 허브 캐시(~/.cache/torch/hub/checkpoints 또는 $TORCH_HOME/hub/checkpoints)에 torchvision 이름으로 있는 파일은 입력하지 않아도 찾습니다. 아무것도 내려받지 않습니다. 앱을 시작할 때 환경 변수 CNNVIS_WEIGHTS로 정할 수도 있습니다."),
    "feat.size_note": ("The picture goes in at {size}×{size}, the size this network was made for.",
                       "그림은 이 네트워크가 만들어진 크기인 {size}×{size}로 들어갑니다."),
    "ckpt.suffix": ("\"{name}\" is not a checkpoint file: use a .pth or .pt file.", "\"{name}\"은(는) 체크포인트 파일이 아닙니다. .pth 또는 .pt 파일을 쓰세요."),
    "ckpt.missing": ("There is no file at {path}. Check the path.", "{path}에 파일이 없습니다. 경로를 확인하세요."),
    "ckpt.too_big": ("The file is {mb} MB, larger than any of these models. Check that it is the right file.",
                     "파일이 {mb}MB로 이 모델들보다 큽니다. 올바른 파일인지 확인하세요."),
    "ckpt.code": ("Refused: this file contains program code, not just weights, and is not loaded (weights_only=True).",
                  "거부됨: 이 파일에는 가중치뿐 아니라 프로그램 코드가 들어 있어 불러오지 않습니다(weights_only=True)."),
    "ckpt.corrupt": ("The file is damaged or is not a PyTorch checkpoint.", "파일이 손상되었거나 PyTorch 체크포인트가 아닙니다."),
    "ckpt.not_state_dict": ("The file holds something other than a model's weights (a state_dict).",
                            "파일에 모델 가중치(state_dict)가 아닌 다른 것이 들어 있습니다."),
    "ckpt.keys": ("The checkpoint does not fit this network: {n_missing} weights are missing (for example {missing}) and {n_unexpected} are unknown (for example {unexpected}). Is it for another architecture?",
                  "체크포인트가 이 네트워크와 맞지 않습니다. 가중치 {n_missing}개가 없고(예: {missing}) {n_unexpected}개는 모르는 것입니다(예: {unexpected}). 다른 구조의 파일이 아닌가요?"),
    "ckpt.shape": ("The checkpoint's {key} is {theirs} but this network's is {ours}: a different number of classes or channels?",
                   "체크포인트의 {key}는 {theirs}인데 이 네트워크는 {ours}입니다. 클래스 수나 채널 수가 다른가요?"),
    "ckpt.changed": ("The checkpoint file was replaced after its description was written (a run may be saving it right now). Reload the page in a moment.",
                     "설명 파일을 쓴 뒤에 체크포인트 파일이 바뀌었습니다(지금 저장 중일 수 있습니다). 잠시 후 페이지를 새로 고치세요."),
    # --- Fashion-MNIST and training runs -----------------------------------------------
    "fashion.0": ("T-shirt/top", "티셔츠/탑"),
    "fashion.1": ("Trouser", "바지"),
    "fashion.2": ("Pullover", "풀오버"),
    "fashion.3": ("Dress", "드레스"),
    "fashion.4": ("Coat", "코트"),
    "fashion.5": ("Sandal", "샌들"),
    "fashion.6": ("Shirt", "셔츠"),
    "fashion.7": ("Sneaker", "운동화"),
    "fashion.8": ("Bag", "가방"),
    "fashion.9": ("Ankle boot", "앵클 부츠"),
    "data.missing": ("Fashion-MNIST is not installed: {file} is missing. Install Debian's package with `sudo apt-get install {package}` (`make run` and `make test` do it), then try again.",
                     "Fashion-MNIST가 설치되어 있지 않습니다: {file} 파일이 없습니다. 데비안 패키지를 `sudo apt-get install {package}`로 설치한 뒤(`make run`과 `make test`가 해 줍니다) 다시 시도하세요."),
    "data.corrupt": ("The Fashion-MNIST file {file} is damaged ({why}). Reinstall it with `sudo apt-get install --reinstall {package}`.",
                     "Fashion-MNIST 파일 {file}이(가) 손상되었습니다({why}). `sudo apt-get install --reinstall {package}`로 다시 설치하세요."),
    "run.busy": ("A training run is going already; only one runs at a time on this server. Watch it here, or wait until it ends.",
                 "이미 학습이 진행 중입니다. 이 서버에서는 한 번에 하나만 학습합니다. 여기서 지켜보거나 끝날 때까지 기다려 주세요."),
    "run.unwritable": ("Cannot write to the cache folder {folder} ({why}). Set CNNVIS_CACHE to a folder you can write to.",
                       "캐시 폴더 {folder}에 쓸 수 없습니다({why}). 쓸 수 있는 폴더를 CNNVIS_CACHE로 지정하세요."),
    "run.save_failed": ("The run finished but its checkpoint could not be saved ({why}); the previous checkpoint is kept. Free some disk space and train again.",
                        "학습은 끝났지만 체크포인트를 저장하지 못했습니다({why}). 이전 체크포인트는 그대로입니다. 디스크 공간을 확보한 뒤 다시 학습하세요."),
    "run.no_recipe": ("There is no Fashion-MNIST recipe for {arch}; choose one of {known}.",
                      "{arch}에 대한 Fashion-MNIST 학습 방법이 없습니다. 다음 중에서 고르세요: {known}."),
    "nav.training": ("Training, live", "실시간 학습"),
    "train.title": ("A network learns, live: Fashion-MNIST on this computer",
                    "신경망이 배우는 모습, 실시간으로: 이 컴퓨터에서 Fashion-MNIST 학습"),
    "train.intro": ("The lecture's notebooks train these networks on Fashion-MNIST: 60,000 small gray pictures of clothes in 10 classes. Here the teacher starts one run on this computer's processor and everyone watches the same run: the loss falls, the accuracy climbs, the first layer's filters turn from noise into edge detectors, and the test pictures below get their labels right one by one.",
                    "강의 노트북은 이 신경망들을 Fashion-MNIST(옷 사진 60,000장, 흑백, 10개 클래스)로 학습합니다. 여기서는 선생님이 이 컴퓨터의 프로세서로 학습을 시작하고, 모두가 같은 학습을 함께 봅니다. 손실은 내려가고 정확도는 올라가며, 첫 층의 필터는 잡음에서 윤곽선 검출기로 바뀌고, 아래 시험 그림들의 이름을 하나씩 맞히게 됩니다."),
    "train.arch": ("Network to train", "학습할 네트워크"),
    "train.recipe": ("Recipe: pictures enlarged from 28 to **{size}×{size}** px, **{epochs}** epochs, **{batch}** pictures a step, {optimizer} with a one-cycle learning rate (peak {lr}).",
                     "학습 방법: 그림을 28에서 **{size}×{size}** 픽셀로 키움, **{epochs}** 에폭, 한 번에 **{batch}**장, {optimizer}, one-cycle 학습률(최대 {lr})."),
    "train.start": ("Start training", "학습 시작"),
    "train.stop": ("Stop", "멈춤"),
    "train.who": ("You are the teacher here: you can start and stop runs.", "선생님 화면입니다. 학습을 시작하고 멈출 수 있습니다."),
    "train.who.student": ("Everyone watches the same run; the teacher starts and stops it.", "모두가 같은 학습을 봅니다. 시작과 멈춤은 선생님이 합니다."),
    "train.teacher_only": ("Only the teacher starts and stops training: one run uses this whole computer, and forty at once would stop everyone's pages. Watch the run below, it is the same for everyone.",
                           "학습의 시작과 멈춤은 선생님만 할 수 있어요. 학습 하나가 이 컴퓨터 전체를 쓰기 때문에, 마흔 명이 한꺼번에 시작하면 모두의 화면이 멈춥니다. 아래에서 모두 같은 학습을 지켜봐 주세요."),
    "train.none": ("No run yet. When the teacher starts one, it appears here by itself.", "아직 학습이 없습니다. 선생님이 시작하면 여기에 저절로 나타납니다."),
    "train.state.loading": ("{arch}: reading Fashion-MNIST…", "{arch}: Fashion-MNIST 읽는 중…"),
    "train.state.running": ("{arch} is learning", "{arch} 학습 중"),
    "train.state.evaluating": ("{arch}: testing on all 10,000 test pictures…", "{arch}: 시험 그림 10,000장 전부로 평가 중…"),
    "train.state.done": ("{arch}: finished", "{arch}: 학습 끝"),
    "train.state.stopped": ("{arch}: stopped by the teacher (the previous checkpoint is kept)", "{arch}: 선생님이 멈춤 (이전 체크포인트는 그대로)"),
    "train.state.failed": ("{arch}: the run failed", "{arch}: 학습 실패"),
    "train.state.lost": ("{arch}: the run ended unexpectedly (the previous checkpoint is kept). Start it again.", "{arch}: 학습이 예기치 않게 끝났습니다(이전 체크포인트는 그대로). 다시 시작하세요."),
    "train.m.step": ("Step", "단계"),
    "train.m.epoch": ("Epoch", "에폭"),
    "train.m.loss": ("Loss", "손실"),
    "train.m.acc": ("Accuracy", "정확도"),
    "train.m.speed": ("Pictures / s", "초당 그림 수"),
    "train.m.left": ("Time left", "남은 시간"),
    "train.acc_axis": ("Training accuracy (%)", "학습 정확도 (%)"),
    "train.epoch_axis": ("Epoch (60,000 pictures each)", "에폭 (한 번 = 60,000장)"),
    "train.curve_title": ("Loss falls, accuracy climbs", "손실은 내려가고, 정확도는 올라갑니다"),
    "train.done": ("{arch} got {acc:.1%} of the 10,000 test pictures right after {minutes:.1f} minutes. Its checkpoint is saved: the feature-map page now uses it.",
                   "{arch}가 {minutes:.1f}분 학습 후 시험 그림 10,000장 중 {acc:.1%}를 맞혔습니다. 체크포인트가 저장되어 특징 맵 페이지에서 바로 쓰입니다."),
    "train.filters": ("The first layer's filters ({n} of them, {k}×{k})", "첫 층의 필터 ({n}개, {k}×{k})"),
    "train.filters.note": ("White is a large positive weight, black a large negative one. Random at the start; during training they become detectors of edges and blobs.",
                           "흰색은 큰 양수 가중치, 검은색은 큰 음수 가중치입니다. 처음에는 무작위이고, 학습하면서 윤곽선과 얼룩을 찾는 검출기가 됩니다."),
    "train.probe.title": ("Twenty test pictures the network has never trained on: {right} of {total} right now",
                          "신경망이 학습에 쓰지 않은 시험 그림 20장: 지금 {total}장 중 {right}장을 맞힘"),
    "train.probe.wait": ("…", "…"),
    "train.probe.wrong": ("✗ {guess} (is: {answer})", "✗ {guess} (정답: {answer})"),
    "train.saved": ("Networks trained on this computer", "이 컴퓨터에서 학습된 네트워크"),
    "train.saved.note": ("Accuracy on all 10,000 test pictures, in eval mode. The same files come from `make weights` (all four, about half an hour); each is a plain state_dict with a JSON description beside it in the cache folder.",
                         "시험 그림 10,000장 전부에 대한 정확도(평가 모드)입니다. `make weights`(네 개 모두, 약 30분)도 같은 파일을 만듭니다. 캐시 폴더에 state_dict 파일과 그 설명(JSON)이 나란히 저장됩니다."),
    "train.col.arch": ("Network", "네트워크"),
    "train.col.acc": ("Test accuracy", "시험 정확도"),
    "train.col.size": ("Input", "입력"),
    "train.col.epochs": ("Epochs", "에폭"),
    "train.col.minutes": ("Minutes", "분"),
    "train.col.date": ("Trained (UTC)", "학습 시각 (UTC)"),
    # --- export ---------------------------------------------------------------------------
    "nav.export": ("Export for slides", "슬라이드용 내보내기"),
    "export.title": ("Export for slides", "슬라이드용 내보내기"),
    "export.intro": ("Every diagram, chart and table as a file for your slides: SVG and PDF stay sharp at any size, PNG is ready for any program, and the PowerPoint deck has everything for the chosen architecture.",
                     "구조도, 차트, 표를 슬라이드용 파일로 내려받습니다. SVG와 PDF는 어떤 크기에서도 선명하고, PNG는 어느 프로그램에서나 쓸 수 있으며, 파워포인트 파일에는 고른 구조의 모든 것이 들어 있습니다."),
    "export.width": ("PNG width", "PNG 너비"),
    "export.width.1920": ("1920 px (Full HD)", "1920 px (Full HD)"),
    "export.width.3840": ("3840 px (4K)", "3840 px (4K)"),
    "export.theme": ("Background", "배경"),
    "export.theme.light": ("White slide", "흰 슬라이드"),
    "export.theme.dark": ("Dark slide", "어두운 슬라이드"),
    "export.theme.transparent": ("Transparent", "투명"),
    "export.font": ("Smallest font (points)", "가장 작은 글자 (포인트)"),
    "export.landscape": ("Diagram flows left to right (wide slides)", "구조도를 왼쪽에서 오른쪽으로 (넓은 슬라이드)"),
    "export.detail": ("Diagram detail", "구조도 자세히 보기"),
    "export.diagram": ("Diagram", "구조도"),
    "export.charts": ("Charts", "차트"),
    "export.table": ("Layer table", "층별 표"),
    "export.flow": ("Shape flow", "모양 변화"),
    "export.cost": ("Parameters vs MACs", "파라미터와 MACs"),
    "export.deck": ("Whole deck", "발표 자료 전체"),
    "export.deck.help": ("A title slide, the diagram, the shape-flow chart, the parameters-vs-MACs chart and the layer table as native PowerPoint tables.",
                         "제목 슬라이드, 구조도, 모양 변화 차트, 파라미터와 연산량 차트, 그리고 파워포인트 표로 된 층별 표가 들어 있습니다."),
    "export.button": ("{what} · {fmt}", "{what} · {fmt}"),
    "export.preview": ("Preview", "미리 보기"),
    "export.missing.dot": ("Graphviz's `dot` program is not installed, so diagrams cannot be drawn as SVG, PNG or PDF. Install it with `sudo apt-get install graphviz` (or run `make run`, which does). DOT, CSV and Markdown still work.",
                           "Graphviz의 `dot` 프로그램이 없어 구조도를 SVG, PNG, PDF로 그릴 수 없습니다. `sudo apt-get install graphviz`로 설치하세요(`make run`이 설치해 줍니다). DOT, CSV, Markdown은 그대로 됩니다."),
    "export.missing.chromium": ("No Chromium browser was found, so charts cannot be saved as pictures. Install it with `sudo apt-get install chromium` (or run `make run`, which does). Diagrams, CSV and Markdown still work.",
                                "Chromium 브라우저가 없어 차트를 그림으로 저장할 수 없습니다. `sudo apt-get install chromium`으로 설치하세요(`make run`이 설치해 줍니다). 구조도, CSV, Markdown은 그대로 됩니다."),
    # --- compare ------------------------------------------------------------------------
    "nav.compare": ("Compare all", "모두 비교"),
    "cmp.title": ("All architectures side by side", "모든 구조 한눈에 비교"),
    "cmp.intro": ("Depth, parameters and multiply-adds are computed by tracing each model at the chosen input size. ImageNet top-1 accuracy is as published in [torchvision's documentation]({docs}) for its IMAGENET1K_V1 weights (224×224 inputs); the paper layouts have no such weights.",
                  "깊이, 파라미터, 곱셈-누산은 고른 입력 크기에서 각 모델을 추적해 계산합니다. ImageNet top-1 정확도는 [torchvision 문서]({docs})에 발표된 IMAGENET1K_V1 가중치의 값(224×224 입력)이며, 논문 구조에는 그런 가중치가 없습니다."),
    "cmp.size": ("Input size", "입력 크기"),
    "cmp.col.year": ("Year", "연도"),
    "cmp.col.top1": ("ImageNet top-1 (%)", "ImageNet top-1 (%)"),
    "cmp.col.fails": ("Does not run at this size", "이 크기에서는 실행 불가"),
    "cmp.macs_axis": ("G MACs per image (log scale)", "이미지당 MAC (십억, 로그 눈금)"),
    "cmp.top1_axis": ("ImageNet top-1 accuracy (%)", "ImageNet top-1 정확도 (%)"),
    "cmp.bubble_title": ("Accuracy vs compute; bubble area = parameters", "정확도 vs 연산량, 원의 넓이 = 파라미터 수"),
    # --- URL and input problems ------------------------------------------------------
    "url.bad_arch": ("The link asks for an architecture called \"{value}\", which does not "
                     "exist; showing {fallback} instead.",
                     "링크에 있는 모델 \"{value}\"은(는) 없습니다. 대신 {fallback}을(를) 보여 줍니다."),
    "url.bad_int": ("The link's {key}=\"{value}\" is not allowed ({allowed}); using {fallback}.",
                    "링크의 {key}=\"{value}\" 값은 쓸 수 없습니다({allowed}). 대신 {fallback}을(를) 씁니다."),
    "url.bad_lang": ("The link's language \"{value}\" is unknown; use ko or en.",
                     "링크의 언어 \"{value}\"은(는) 지원하지 않습니다. ko 또는 en을 쓰세요."),
    "allowed.range": ("a whole number from {low} to {high}", "{low}부터 {high}까지의 정수"),
    "allowed.choice": ("one of {choices}", "{choices} 중 하나"),
    "err.config": ("This setting cannot be built: {detail}", "이 설정으로는 모델을 만들 수 없습니다: {detail}"),
    # What models.ConfigError's codes say (the zoo itself speaks no UI language).
    "cfg.cifar_depth": ("depth must be 6n + 2 (8, 14, 20, ...); {depth} is not: try {low} or {high}",
                        "깊이는 6n + 2(8, 14, 20, ...)여야 합니다. {depth}는 아닙니다: {low}나 {high}로 해 보세요"),
    "cfg.unknown_arch": ("there is no architecture {name}; known: {known}",
                         "{name}라는 구조는 없습니다. 있는 구조: {known}"),
    "cfg.unknown_setting": ("{model} has no setting {names}; its settings: {valid}",
                            "{model}에는 {names} 설정이 없습니다. 있는 설정: {valid}"),
    "cfg.not_int": ("{name} must be a whole number, not {value}", "{name}은(는) 정수여야 합니다 ({value}가 아니라)"),
    "cfg.range": ("{name} must be from {low} to {high}, not {value}",
                  "{name}은(는) {low}에서 {high} 사이여야 합니다 ({value}가 아니라)"),
    "cfg.not_list": ("{name} must be a list of whole numbers, not {value}",
                     "{name}은(는) 정수 목록이어야 합니다 ({value}가 아니라)"),
    "cfg.length": ("{name} needs {length} numbers, not {got}", "{name}에는 숫자 {length}개가 필요합니다 ({got}개가 아니라)"),
    "cfg.empty": ("{name} must not be empty", "{name}이(가) 비어 있으면 안 됩니다"),
    "cfg.groups": ("groups={groups} needs filter counts divisible by {groups}; {a} and {b} are not",
                   "groups={groups}이면 필터 수가 {groups}로 나누어떨어져야 합니다. {a}와 {b}는 아닙니다"),
    "cfg.too_large": ("{blocks} blocks with {layers} layers is too large: use at most 6 blocks and 400 layers",
                      "블록 {blocks}개, 층 {layers}개는 너무 큽니다. 블록은 6개, 층은 모두 400개까지입니다"),
    "cfg.theta": ("compression θ must be a number above 0 and at most 1, not {value}",
                  "압축률 θ는 0보다 크고 1 이하인 수여야 합니다 ({value}가 아니라)"),
    "cfg.inception_unknown": ("there is no Inception module {name}; the modules: {valid}",
                              "{name}라는 Inception 모듈은 없습니다. 있는 모듈: {valid}"),
    "cfg.inception_widths": ("{name} takes six widths (1×1, 3×3 reduce, 3×3, 5×5 reduce, 5×5, pool proj), not {got}",
                             "{name}에는 폭 6개(1×1, 3×3 축소, 3×3, 5×5 축소, 5×5, 풀링 투영)가 필요합니다 ({got}개가 아니라)"),
    "cfg.aux_bool": ("aux_logits must be True or False, not {value}", "aux_logits는 True나 False여야 합니다 ({value}가 아니라)"),
    "cfg.residual_dims": ("F(x) + x needs as many channels out as in ({a}, not {b}): set out_dim={a}",
                          "F(x) + x는 나가는 채널 수가 들어오는 채널 수와 같아야 합니다 ({b}가 아니라 {a}): out_dim={a}로 하세요"),
    "err.empty": ("{layer} gets a {h}x{w} input{padded} but its kernel is {kh}x{kw}",
                  "{layer} 층은 {h}x{w} 입력{padded}을 받는데 커널은 {kh}x{kw}입니다"),
    "err.padded": (" ({ph}x{pw} with padding {p})", "(패딩 {p}을 더하면 {ph}x{pw})"),
    "err.features": ("{layer} expects {want} input features but gets {got}",
                     "{layer} 층은 입력 특징 {want}개를 기대하지만 {got}개를 받습니다"),
    "err.channels": ("{layer} expects {want} channels but gets {got}",
                     "{layer} 층은 채널 {want}개를 기대하지만 {got}개를 받습니다"),
    "err.pool_pad": ("{layer} has padding {p}, more than half its kernel {k}x{k}",
                     "{layer} 층의 패딩 {p}이(가) 커널 {k}x{k}의 절반보다 큽니다"),
    "err.add": ("{layer} adds tensors of different shapes: {shapes}",
                "{layer} 층에서 모양이 다른 텐서를 더하려 합니다: {shapes}"),
    "err.cat": ("{layer} concatenates maps of different sizes: {shapes}",
                "{layer} 층에서 크기가 다른 특징 맵을 연결하려 합니다: {shapes}"),
    "err.rank": ("{layer} expects 4-D feature maps but gets shape {shape}",
                 "{layer} 층은 4차원 특징 맵을 기대하지만 {shape} 모양을 받습니다"),
    "err.torch": ("{layer} cannot take this input ({detail})",
                  "{layer} 층이 이 입력을 받을 수 없습니다({detail})"),
    "err.unknown": ("{layer} has no shape rule for {type}", "{layer} 층({type})의 모양 규칙을 모릅니다"),
    "fix.at_least": ("use an input of at least {low}x{low}", "입력을 {low}x{low} 이상으로 하세요"),
    "fix.range": ("sizes {low} to {high} work (this layout has no adaptive pooling)",
                  "{low}부터 {high}까지의 크기만 됩니다(이 구조에는 적응형 풀링이 없습니다)"),
    "fix.only": ("only {low}x{low} works", "{low}x{low}만 됩니다"),
    "fix.none": ("no square input up to {max}x{max} works with this setting; change the setting",
                 "이 설정에서는 {max}x{max} 이하의 어떤 정사각형 입력도 통과하지 못합니다. 설정을 바꾸세요"),
    # --- teaching notes, one per model --------------------------------------------------
    "note.alexnet": (
        "AlexNet as torchvision builds it, following Krizhevsky's 2014 single-GPU version: "
        "64-192-384-256-256 filters instead of the paper's 96-256-384-384-256, no local "
        "response normalisation, and an adaptive average pool that makes any input of at least "
        "63 pixels end at 6x6x256 = 9216 numbers before the three fully connected layers. "
        "conv1 has padding 2, so 224 gives (224 + 4 - 11) / 4 + 1 = 55.",
        "torchvision이 만드는 AlexNet으로, Krizhevsky의 2014년 단일 GPU 버전을 따릅니다. 필터 수는 논문의 "
        "96-256-384-384-256 대신 64-192-384-256-256이고, 국소 응답 정규화(LRN)가 없으며, 적응형 평균 풀링이 "
        "63픽셀 이상의 어떤 입력이든 완전 연결 층 세 개 앞에서 6x6x256 = 9216개의 숫자로 맞춰 줍니다. "
        "conv1의 패딩이 2라서 224는 (224 + 4 - 11) / 4 + 1 = 55가 됩니다."),
    "note.alexnet_paper": (
        "AlexNet as the 2012 paper draws it: ninety-six 11x11x3 filters with stride 4 and no "
        "padding, local response normalisation after conv1 and conv2, and conv2, conv4 and conv5 "
        "split into two groups, one per GPU (groups=2). The paper's text says 224x224, but with "
        "no padding 224 gives (224 - 11) / 4 + 1 = 54.25, floored to 54, and fc6 then receives "
        "5x5x256 = 6400 numbers instead of 9216. Only inputs of 227 to 258 pixels reach 6x6: "
        "the famous inconsistency, kept here on purpose. 60,965,224 parameters.",
        "2012년 논문 그림 그대로의 AlexNet: 11x11x3 필터 96개, stride 4, 패딩 0, conv1과 conv2 뒤의 국소 응답 "
        "정규화(LRN), 그리고 GPU 두 개에 나누어 계산하기 위해 conv2, conv4, conv5를 두 그룹으로 나눈 구조(groups=2)입니다. "
        "논문 본문은 224x224라고 하지만 패딩이 없으면 (224 - 11) / 4 + 1 = 54.25를 내림해 54가 되고, fc6에는 "
        "9216개가 아니라 5x5x256 = 6400개의 숫자가 들어옵니다. 227부터 258픽셀까지만 6x6에 도달합니다. "
        "유명한 불일치이며 일부러 그대로 두었습니다. 파라미터 60,965,224개."),
    "note.googlenet": (
        "GoogLeNet as torchvision builds it: every convolution is followed by batch "
        "normalisation (not in the 2014 paper), and the branch the paper calls 5x5 really uses "
        "a 3x3 kernel, a known torchvision bug kept so its pretrained checkpoint still loads. "
        "The auxiliary classifiers are off, as in torchvision's pretrained model; with "
        "aux_logits=True they appear on 4a and 4d during training only.",
        "torchvision이 만드는 GoogLeNet: 모든 합성곱 뒤에 배치 정규화가 있고(2014년 논문에는 없음), 논문이 5x5라고 "
        "부르는 가지는 실제로 3x3 커널을 씁니다. 사전 학습된 체크포인트를 그대로 불러오기 위해 남겨 둔 torchvision의 "
        "알려진 버그입니다. 보조 분류기는 torchvision의 사전 학습 모델처럼 꺼져 있고, aux_logits=True로 켜면 학습할 때만 "
        "4a와 4d에 나타납니다."),
    "note.googlenet_paper": (
        "GoogLeNet as Table 1 of the 2014 paper gives it: real 5x5 convolutions, no batch "
        "normalisation, local response normalisation in the stem, and 3x3/2 max-pooling between "
        "stages. Two auxiliary classifiers on 4a and 4d add their losses, weighted by 0.3, "
        "during training only; at test time they are removed and only the last softmax is "
        "used, so they do not appear in this (test-time) trace although their parameters are "
        "counted. A fixed 7x7 average pool means only inputs of 223 to 254 pixels work.",
        "2014년 논문 표 1 그대로의 GoogLeNet: 진짜 5x5 합성곱, 배치 정규화 없음, 앞부분의 국소 응답 정규화, 단계 사이의 "
        "3x3/2 최대 풀링. 4a와 4d에 붙은 보조 분류기 두 개는 학습할 때만 손실에 0.3을 곱해 더하고, 테스트할 때는 제거되어 "
        "마지막 softmax만 씁니다. 그래서 이 (테스트 시점) 추적에는 나타나지 않지만 파라미터 수에는 포함됩니다. 7x7 평균 "
        "풀링이 고정되어 있어 223부터 254픽셀까지의 입력만 됩니다."),
    "note.resnet18": (
        "ResNet-18: eight basic blocks (two 3x3 convolutions each) in four stages of 64, 128, "
        "256 and 512 channels. Each block outputs F(x) + x; where a stage halves the size and "
        "doubles the channels, a 1x1 convolution with stride 2 (a projection) reshapes x so "
        "the two can be added.",
        "ResNet-18: 64, 128, 256, 512 채널의 네 단계에 기본 블록(3x3 합성곱 두 개) 여덟 개가 있습니다. 각 블록은 "
        "F(x) + x를 출력합니다. 단계가 바뀌며 크기가 절반이 되고 채널이 두 배가 되는 곳에서는 stride 2의 1x1 합성곱"
        "(projection)이 x의 모양을 맞춰 더할 수 있게 합니다."),
    "note.resnet20": (
        "ResNet-20: the paper's network for CIFAR-10's 32 px pictures (section 4.2). A 3x3 "
        "convolution with 16 filters, then three stages of three basic blocks on 32, 16 and "
        "8 px maps with 16, 32 and 64 filters, global average pooling and 10 scores: 20 "
        "weighted layers, 0.27 M parameters. Where a stage begins, the shortcut keeps every "
        "second pixel and adds zero channels (option A): it has no parameters.",
        "ResNet-20: CIFAR-10의 32 px 사진을 위한 논문의 네트워크입니다(4.2절). 필터 16개의 3x3 합성곱 다음에 "
        "32, 16, 8 px 맵에서 필터 16, 32, 64개를 쓰는 세 단계(각각 기본 블록 세 개), 전역 평균 풀링, 점수 10개가 "
        "옵니다. 가중치 층 20개, 파라미터 0.27 M. 단계가 시작되는 곳의 지름길은 두 칸에 한 픽셀만 남기고 0 채널을 "
        "더합니다(옵션 A): 파라미터가 없습니다."),
    "note.resnet56": (
        "ResNet-56: ResNet-20's design with nine blocks per stage instead of three (section "
        "4.2, n = 9): 56 weighted layers, 0.85 M parameters. In the paper it trains to a lower "
        "error than ResNet-20, while the plain 56-layer network does worse than the plain "
        "20-layer one (Figure 1).",
        "ResNet-56: ResNet-20의 설계에서 단계마다 블록이 세 개가 아니라 아홉 개입니다(4.2절, n = 9). 가중치 층 56개, "
        "파라미터 0.85 M. 논문에서는 ResNet-20보다 오류가 낮아지지만, 지름길이 없는 56층 네트워크는 20층보다 "
        "나빠집니다(그림 1)."),
    "note.plain20": (
        "Plain-20: ResNet-20 with every shortcut taken away, the same 20 layers and the same "
        "0.27 M parameters (option A shortcuts have none). The paper's Figure 1 trains it "
        "beside Plain-56 to show that depth alone makes training harder.",
        "Plain-20: ResNet-20에서 지름길을 모두 뺀 네트워크로, 층 20개와 파라미터 0.27 M이 같습니다(옵션 A 지름길에는 "
        "파라미터가 없습니다). 논문의 그림 1은 Plain-56과 나란히 학습해, 깊이만으로도 학습이 어려워진다는 것을 "
        "보입니다."),
    "note.plain56": (
        "Plain-56: ResNet-56 with no shortcuts, 56 layers and 0.85 M parameters. In the paper's "
        "Figure 1 its training error stays above Plain-20's: the deeper plain network is "
        "harder to optimise, which is the problem residual connections solve.",
        "Plain-56: 지름길이 없는 ResNet-56으로, 층 56개와 파라미터 0.85 M입니다. 논문의 그림 1에서 이 네트워크의 "
        "학습 오류는 Plain-20보다 높게 남습니다. 더 깊은 plain 네트워크는 최적화하기 더 어렵고, 잔차 연결이 바로 이 "
        "문제를 풉니다."),
    "note.resnet34": (
        "ResNet-34: the same basic blocks as ResNet-18 (two 3x3 convolutions and the identity), "
        "3-4-6-3 of them per stage, as in Table 1 of the paper. It is the network of the "
        "paper's Figure 3, where a plain 34-layer network trains worse than an 18-layer one "
        "and the residual version trains better.",
        "ResNet-34: ResNet-18과 같은 기본 블록(3x3 합성곱 두 개와 항등 연결)을 논문 표 1처럼 단계마다 3-4-6-3개 "
        "쌓았습니다. 논문 그림 3의 네트워크로, 잔차 연결이 없는 34층 네트워크는 18층보다 학습이 잘 안 되지만 잔차 버전은 더 "
        "잘 학습됩니다."),
    "note.resnet50": (
        "ResNet-50: bottleneck blocks. A 1x1 convolution reduces 256 channels to 64, a 3x3 "
        "works on 64, and a 1x1 restores 256, then x is added. torchvision puts the stride on "
        "the 3x3 (ResNet v1.5); the paper puts it on the first 1x1. v1.5 costs 4.09 G MACs "
        "instead of the paper's 3.8 G.",
        "ResNet-50: 병목(bottleneck) 블록을 씁니다. 1x1 합성곱이 256채널을 64로 줄이고, 3x3이 64채널에서 계산한 뒤, "
        "1x1이 다시 256으로 늘리고 x를 더합니다. torchvision은 stride를 3x3에 두고(ResNet v1.5), 논문은 첫 1x1에 둡니다. "
        "v1.5는 논문의 3.8 G 대신 4.09 G MACs가 듭니다."),
    "note.resnet101": (
        "ResNet-101: bottleneck blocks, 3-4-23-3 per stage; the third stage (14x14 maps, "
        "1024 channels) holds 23 of the 33 blocks and does most of the work. Deeper, yet "
        "fewer multiply-adds than VGG-16.",
        "ResNet-101: 병목 블록을 단계마다 3-4-23-3개 쌓았습니다. 세 번째 단계(14x14 특징 맵, 1024채널)에 33개 블록 중 "
        "23개가 있어 대부분의 계산이 여기서 일어납니다. 더 깊지만 VGG-16보다 곱셈-누산이 적습니다."),
    "note.resnet152": (
        "ResNet-152: bottleneck blocks, 3-8-36-3 per stage: 152 layers with weights, trainable "
        "because every block can fall back to passing x through unchanged.",
        "ResNet-152: 병목 블록을 단계마다 3-8-36-3개 쌓아 가중치 층이 152개입니다. 모든 블록이 x를 그대로 통과시킬 수 "
        "있으므로 이렇게 깊어도 학습이 됩니다."),
    "note.residual_block": (
        "The lecture's own Residual_Block: conv3x3, ReLU, conv3x3 give F(x); x is added and a "
        "ReLU follows. in_dim and out_dim must be equal, since there is no projection. We add a "
        "small head (global average pool and one linear layer) so that it runs as a classifier "
        "like the other models; the lecture's block has no head.",
        "강의 코드의 Residual_Block: conv3x3, ReLU, conv3x3이 F(x)를 만들고, x를 더한 뒤 ReLU를 거칩니다. projection이 "
        "없으므로 in_dim과 out_dim이 같아야 합니다. 다른 모델처럼 분류기로 실행되도록 작은 머리(전역 평균 풀링과 선형 층 "
        "하나)를 붙였습니다. 강의의 블록에는 이 부분이 없습니다."),
    "note.densenet121": (
        "DenseNet-121: four dense blocks of 6, 12, 24 and 16 layers. Every layer adds k = 32 "
        "new feature maps and concatenates them onto all earlier ones, so channels grow "
        "64 -> 256, 128 -> 512, 256 -> 1024, 512 -> 1024; each transition (BN, 1x1 conv, 2x2 "
        "average pool) halves both the channels and the size. Each layer is a bottleneck: a "
        "1x1 convolution to 4k = 128 channels, then a 3x3 to k. Our layers concatenate as they "
        "go; torchvision's concatenate inside the next layer, with the same arithmetic.",
        "DenseNet-121: 6, 12, 24, 16개 층으로 된 밀집 블록 네 개. 각 층은 새 특징 맵 k = 32개를 만들어 앞의 모든 특징 맵에 "
        "연결(concatenate)하므로 채널이 64 -> 256, 128 -> 512, 256 -> 1024, 512 -> 1024로 늘어납니다. 전이 층(BN, 1x1 "
        "합성곱, 2x2 평균 풀링)은 채널 수와 크기를 모두 절반으로 줄입니다. 각 층은 병목 구조로, 1x1 합성곱이 4k = 128채널로 "
        "줄인 뒤 3x3이 k개를 만듭니다. 여기서는 층마다 바로 연결하고, torchvision은 다음 층 안에서 연결합니다(계산은 같음)."),
    "note.densenet161": (
        "DenseNet-161: the widest of the family, growth rate k = 48 and 96 stem channels, with "
        "dense blocks of 6, 12, 36 and 24 layers. Each layer's bottleneck widens to 4k = 192 "
        "channels before its 3x3 convolution adds 48 new maps.",
        "DenseNet-161: 이 계열에서 가장 넓은 모델로 성장률 k = 48, 시작 채널 96이며, 밀집 블록은 6, 12, 36, 24개 층입니다. "
        "각 층의 병목은 3x3 합성곱이 새 특징 맵 48개를 더하기 전에 4k = 192채널로 넓힙니다."),
    "note.densenet169": (
        "DenseNet-169: k = 32 like DenseNet-121, with deeper third and fourth blocks (6, 12, "
        "32 and 32 layers). Channels reach 1664 before the classifier, yet the model has "
        "fewer parameters than ResNet-34.",
        "DenseNet-169: DenseNet-121처럼 k = 32이고 세 번째와 네 번째 블록이 더 깊습니다(6, 12, 32, 32개 층). 분류기 앞에서 "
        "채널이 1664개가 되지만 파라미터는 ResNet-34보다 적습니다."),
    "note.densenet201": (
        "DenseNet-201: k = 32, dense blocks of 6, 12, 48 and 32 layers; the third block alone "
        "grows from 256 to 256 + 48 x 32 = 1792 channels, and 1920 channels reach the "
        "classifier.",
        "DenseNet-201: k = 32, 6, 12, 48, 32개 층의 밀집 블록. 세 번째 블록 하나에서만 채널이 256에서 256 + 48 x 32 = 1792로 "
        "늘어나고, 분류기에는 1920개 채널이 들어갑니다."),
    "note.densenet_bc_100": (
        "DenseNet-BC (L = 100, k = 12) for 32x32 CIFAR images: the lecture's figure with three "
        "dense blocks and two transition layers. Sixteen bottleneck layers per block; maps are "
        "32x32, 16x16 and 8x8 in the three blocks, and the transitions keep half the channels "
        "(compression 0.5).",
        "32x32 CIFAR 이미지를 위한 DenseNet-BC (L = 100, k = 12): 밀집 블록 세 개와 전이 층 두 개로 된 강의의 그림입니다. "
        "블록마다 병목 층이 16개 있고, 세 블록에서 특징 맵은 32x32, 16x16, 8x8이며, 전이 층은 채널을 절반만 남깁니다(압축 0.5)."),
}

# The lecture's vocabulary: Korean, English, and a one-line explanation in each.
GLOSSARY: tuple[tuple[str, str, str, str], ...] = (
    ("합성곱", "convolution", "a small filter slides over the image and sums products",
     "작은 필터가 이미지 위를 움직이며 곱한 값을 더하는 연산"),
    ("필터 / 커널", "filter / kernel", "the small grid of learned weights a convolution slides",
     "합성곱이 움직이는 작은 가중치 격자"),
    ("특징 맵", "feature map", "one channel of a layer's output: where a filter responded",
     "층의 출력 중 한 채널: 필터가 반응한 위치"),
    ("채널", "channel", "one of the stacked maps: 3 for RGB, 96 after AlexNet's conv1",
     "겹쳐 쌓인 맵 하나: RGB는 3, AlexNet conv1 뒤에는 96"),
    ("stride(보폭)", "stride", "how many pixels the filter moves at each step",
     "필터가 한 번에 움직이는 픽셀 수"),
    ("패딩", "padding", "zeros added around the border so the filter can reach the edges",
     "필터가 가장자리까지 닿도록 테두리에 덧붙이는 0"),
    ("풀링", "pooling", "shrinks a map by keeping the largest (max) or mean (average) value",
     "가장 큰 값(max)이나 평균(average)만 남겨 맵을 줄이는 연산"),
    ("완전 연결 층", "fully connected layer", "every input number connects to every output",
     "모든 입력이 모든 출력에 연결된 층"),
    ("활성화 함수 (ReLU)", "activation (ReLU)", "keeps positive values, turns negatives into 0",
     "양수는 그대로, 음수는 0으로 바꾸는 함수"),
    ("소프트맥스", "softmax", "turns the final scores into probabilities that sum to 1",
     "마지막 점수를 합이 1인 확률로 바꾸는 함수"),
    ("드롭아웃", "dropout", "randomly silences neurons during training to prevent overfitting",
     "학습 중 뉴런 일부를 무작위로 꺼서 과적합을 막는 방법"),
    ("차원 축소", "dimension reduction", "a 1x1 convolution that lowers the channel count",
     "채널 수를 줄이는 1x1 합성곱"),
    ("잔차 블록", "residual block", "outputs F(x) + x: what was learned plus the input itself",
     "F(x) + x를 출력: 새로 배운 것에 입력을 그대로 더함"),
    ("병목 층", "bottleneck", "1x1 reduce, 3x3, (1x1 expand): cheaper than a full-width 3x3",
     "1x1로 줄이고 3x3 후 (1x1로 다시 늘림): 넓은 3x3보다 계산이 적음"),
    ("밀집 블록", "dense block", "every layer receives the maps of all earlier layers",
     "모든 층이 앞선 모든 층의 특징 맵을 받는 블록"),
    ("전이 층", "transition layer", "BN, 1x1 conv, 2x2 average pool between dense blocks",
     "밀집 블록 사이의 BN, 1x1 합성곱, 2x2 평균 풀링"),
    ("성장률 (k)", "growth rate (k)", "feature maps each dense layer adds",
     "밀집 층 하나가 더하는 특징 맵의 수"),
    ("연결 (concatenate)", "concatenation", "stacking maps along the channel axis (DenseNet, Inception)",
     "채널 방향으로 맵을 이어 붙이기 (DenseNet, Inception)"),
    ("보조 분류기", "auxiliary classifier", "an extra softmax mid-network, used only in training",
     "네트워크 중간의 추가 softmax, 학습할 때만 사용"),
    ("수용 영역", "receptive field", "the input pixels one output value can see",
     "출력 값 하나가 볼 수 있는 입력 픽셀의 범위"),
    ("파라미터", "parameters", "the learned numbers: weights and biases",
     "학습되는 수: 가중치와 편향"),
    ("MACs (곱셈-누산)", "MACs", "multiply-accumulate operations; FLOPs = 2 x MACs",
     "곱하고 더하는 연산의 횟수; FLOPs = 2 x MACs"),
)


def t(key: str, lang: str = DEFAULT_LANG, /, **values: Any) -> str:
    """The string ``key`` in ``lang`` (``"ko"`` or ``"en"``), with ``values`` filled in.

    A value that is itself ``(key, values)`` is looked up too, in the same language.
    """
    en, ko = CATALOGUE[key]
    text = ko if lang == "ko" else en
    filled = {k: t(v[0], lang, **v[1]) if isinstance(v, tuple) and len(v) == 2
              and isinstance(v[0], str) and isinstance(v[1], dict) else v
              for k, v in values.items()}
    return text.format(**filled) if values else text


def number(n: float, lang: str = DEFAULT_LANG) -> str:
    """A large count the way a reader says it: 61.1 M, 714 M, 2.83 G (ko: 6110만, 7.1억)."""
    if lang == "ko":
        if n >= 1e8:
            return f"{n / 1e8:.2f}억".replace(".00억", "억")
        if n >= 1e4:
            return f"{n / 1e4:,.0f}만" if n >= 1e5 else f"{n / 1e4:.1f}만"
        return f"{n:,.0f}"
    for unit, scale in (("G", 1e9), ("M", 1e6), ("K", 1e3)):
        if n >= scale:
            return f"{n / scale:.3g} {unit}" if n / scale < 100 else f"{n / scale:,.0f} {unit}"
    return f"{n:,.0f}"


def shape_text(shape: tuple[int, ...]) -> str:
    """``(1, 64, 55, 55)`` as ``64×55×55`` (channels × height × width; batch dropped)."""
    return "×".join(str(d) for d in shape[1:])
