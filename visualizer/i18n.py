"""Every string a user sees, in Korean and English: one catalogue and a glossary.

Korean terms follow the lecture (../shared/seed): 합성곱, 특징 맵, 채널, stride, 패딩, 풀링,
잔차 블록, 밀집 블록, 전환 층. ``t(key, lang, **values)`` looks a string up and fills it in.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

LANGS = ("ko", "en")
DEFAULT_LANG = "ko"  # the lecture is given in Korean

# key: (English, Korean)
CATALOGUE: dict[str, tuple[str, str]] = {
    # --- app frame -------------------------------------------------------------------
    "app.language": ("Language", "언어"),
    "app.present": ("Projector mode", "프로젝터 모드"),
    "app.present.help": ("Large type for the back row, no sidebar; → and ← (or a clicker) step through "
                         "the lesson. Add present=1 to a link to open it this way.",
                         "뒷자리에서도 읽히는 큰 글씨, 사이드바 없음. → 키와 ← 키(또는 발표용 리모컨)로 수업 단계를 "
                         "넘깁니다. 링크에 present=1을 붙이면 이 모드로 열립니다."),
    # --- who the teacher is (issue 27: visualizer/roles.py, deploy/teacher.py) ---------------
    "teacher.signed_in": ("This browser is the teacher's: you start training, manage the queue and the board.",
                          "이 브라우저는 선생님 화면입니다. 학습 시작, 대기열과 순위표 관리를 할 수 있습니다."),
    "teacher.sign_out": ("Sign out as the teacher", "선생님 로그아웃"),
    "teacher.page.wrong": ("This is not the teacher's link", "선생님 링크가 아닙니다"),
    "teacher.page.wrong.body": ("The key in this address is not the teacher's. Students need no key: open the app itself.",
                                "이 주소의 열쇠는 선생님 것이 아닙니다. 학생은 열쇠 없이 앱을 열면 됩니다."),
    "teacher.page.open": ("Open the app", "앱 열기"),
    "teacher.page.unwritable": ("The teacher's key cannot be kept", "선생님 열쇠를 저장할 수 없습니다"),
    "teacher.page.unwritable.body": ("The app's cache folder cannot be written (a full disk?). Free some space and open the link again.",
                                     "앱의 캐시 폴더에 쓸 수 없습니다 (디스크가 가득 찼나요?). 공간을 비운 뒤 링크를 다시 여세요."),
    # --- lecture mode (issue 28: app_pages/lecture_mode.py, projector.py) -------------------
    "lecture.follow": ("Following the teacher", "선생님 화면 따라가기"),
    "lecture.follow.help": ("On: your page shows what the teacher shows, step by step. Off: explore on your own; "
                            "the button brings you back.",
                            "켜 두면 선생님이 보여 주는 화면을 단계마다 그대로 보여 줍니다. 끄면 혼자 둘러볼 수 있고, "
                            "버튼을 누르면 다시 돌아옵니다."),
    "lecture.back": ("Back to the teacher's step", "선생님 화면으로 돌아가기"),
    "lecture.unwritable": ("The class cannot follow you: the cache folder cannot be written ({why}).",
                           "학생들이 따라올 수 없습니다: 캐시 폴더에 쓸 수 없습니다 ({why})."),
    "nav.notes": ("Speaker notes", "발표자 노트"),
    "notes.title": ("Speaker notes", "발표자 노트"),
    "notes.teacher_only": ("Only the teacher's browser shows the speaker notes.", "발표자 노트는 선생님 브라우저에서만 보입니다."),
    "notes.none": ("Nothing on the projector yet: turn on projector mode in the other window; the notes of each slide appear here.",
                   "아직 프로젝터 화면이 없습니다. 다른 창에서 프로젝터 모드를 켜면 슬라이드마다 노트가 여기에 나옵니다."),
    "notes.step": ("step", "단계"),
    "notes.how": ("Keep this window on your own screen: it follows the projector by itself.",
                  "이 창은 선생님 화면에만 두세요. 프로젝터 화면을 저절로 따라갑니다."),
    "present.prev": ("Previous step (←, ↑, Page Up)", "이전 단계 (←, ↑, Page Up)"),
    "present.next": ("Next step (→, ↓, Space, Page Down)", "다음 단계 (→, ↓, 스페이스, Page Down)"),
    "present.join": ("How to join", "참여 방법"),
    "present.exit": ("End the slides (Esc)", "슬라이드 끝내기 (Esc)"),
    "present.menu": ("Menu (M)", "메뉴 (M)"),
    "present.menu.pages": ("Open another page (the slides go on)", "다른 화면 열기 (슬라이드는 계속됩니다)"),
    "present.menu.keys": ("Keys", "키"),
    "present.keys": ("- **→ ↓ Space Page Down**: next step\n- **← ↑ Page Up**: previous step\n"
                     "- **L**: 한국어 ↔ English\n- **J**: how to join (address and QR code)\n"
                     "- **M** or **?**: this menu\n- **Esc**: end the slides",
                     "- **→ ↓ 스페이스 Page Down**: 다음 단계\n- **← ↑ Page Up**: 이전 단계\n"
                     "- **L**: 한국어 ↔ English\n- **J**: 참여 방법 (주소와 QR 코드)\n"
                     "- **M** 또는 **?**: 이 메뉴\n- **Esc**: 슬라이드 끝내기"),
    "join.title": ("Join on your laptop or phone", "노트북이나 휴대폰으로 참여하세요"),
    "join.body": ("Connect to this room's Wi-Fi, then type this address in your browser, or scan the code with "
                  "your phone's camera. Your page will follow the teacher.",
                  "이 강의실의 와이파이에 연결한 뒤, 브라우저에 아래 주소를 입력하거나 휴대폰 카메라로 코드를 "
                  "찍으세요. 내 화면이 선생님 화면을 따라갑니다."),
    "join.qr": ("Scan with the camera", "카메라로 찍으세요"),
    "join.local": ("This computer has no network address: students cannot reach it. Connect it to the room's "
                   "Wi-Fi, or set CNNVIS_PUBLIC_URL.",
                   "이 컴퓨터에 네트워크 주소가 없어 학생들이 접속할 수 없습니다. 강의실 와이파이에 연결하거나 "
                   "CNNVIS_PUBLIC_URL을 설정하세요."),
    "nav.explorer": ("Explorer", "구조 탐색기"),
    "nav.section.explore": ("Explore", "탐색"),
    "nav.section.lessons": ("Lessons", "수업"),
    "nav.section.tools": ("Tools", "도구"),
    # --- explorer page -----------------------------------------------------------------
    "explorer.caption": ("{title} ({year}) · [paper]({arxiv})", "{title} ({year}) · [논문]({arxiv})"),
    "side.arch": ("Architecture", "모델 구조"),
    "side.controls": ("Network and input size", "네트워크와 입력 크기"),
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
        "한 번의 순전파에 필요한 곱셈-누산 횟수(합성곱과 완전 연결 층). FLOPs = 2 × MACs = {flops}."),
    "metric.depth": ("Depth", "깊이"),
    "metric.depth.help": ("Layers with weights (convolutions and fully connected) on the way "
                          "from input to output.", "입력에서 출력까지 가중치가 있는 층(합성곱, 완전 연결)의 수입니다."),
    "metric.output": ("Output", "출력 모양"),
    "metric.output.help": ("Shape of what leaves the network: one score per class; softmax "
                           "turns the scores into probabilities.",
                           "네트워크를 나가는 데이터의 모양: 클래스마다 점수 하나이며, 소프트맥스(softmax)가 점수를 확률로 바꿉니다."),
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
    "flow.size": ("Height × width (pixels)", "높이 × 너비 (픽셀)"),
    "flow.channels": ("Channels", "채널 수"),
    "flow.size.short": ("Side (px)", "크기(px)"),
    "flow.channels.short": ("Channels", "채널"),
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
    "col.stride": ("Stride", "보폭(stride)"),
    "col.padding": ("Padding", "패딩"),
    "col.rf": ("Receptive field", "수용 영역"),
    "col.formula": ("Output-size formula", "출력 크기 공식"),
    "col.flag": ("Note", "참고"),
    "flag.dropped": ("floor drops {n} px", "내림으로 {n}픽셀 버려짐"),
    "diagram.title": ("The network as a diagram", "네트워크 구조도"),
    "diagram.expand": ("Open these blocks", "펼쳐 볼 블록"),
    "diagram.expand.placeholder": ("Choose blocks to draw layer by layer", "층 단위로 그려 볼 블록을 고르세요"),
    "diagram.direction": ("Direction", "방향"),
    "diagram.direction.TB": ("Top to bottom", "위에서 아래로"),
    "diagram.direction.LR": ("Left to right", "왼쪽에서 오른쪽으로"),
    "diagram.gpu": ("GPU {n}", "GPU {n}"),
    "diagram.input": ("Input", "입력"),
    "diagram.output": ("Output (scores; softmax gives probabilities)",
                       "출력 (점수, 소프트맥스로 확률)"),
    "diagram.zoom": ("Click: natural size (larger); click again: fit the screen",
                     "클릭: 원래 크기(더 크게), 한 번 더: 화면에 맞추기"),
    "diagram.alt": ("Diagram of the network's layers", "신경망 층 구조도"),
    "diagram.output_map": ("Output feature map (on to the next block)", "출력 특징 맵 (다음 블록으로)"),
    "diagram.repeat": ("{block} ×{n}", "{block} {n}개"),
    "diagram.legend": ("Circles merge paths: + adds (ResNet), C concatenates channels "
                       "(Inception, DenseNet). Each arrow is labelled with the shape it "
                       "carries: channels × height × width.",
                       "동그라미는 길이 합쳐지는 곳입니다: +는 덧셈(ResNet), C는 채널 연결(Inception, DenseNet). "
                       "화살표에는 지나가는 데이터의 모양(채널 × 높이 × 너비)이 적혀 있습니다."),
    "dg.conv": ("conv {k}, stride {s} · {c} filters", "합성곱 {k}, 보폭 {s} · 필터 {c}개"),
    "dg.groups": ("{g} groups", "{g}개 그룹"),
    "dg.maxpool": ("max pool {k}, stride {s}", "최대 풀링 {k}, 보폭 {s}"),
    "dg.avgpool": ("average pool {k}, stride {s}", "평균 풀링 {k}, 보폭 {s}"),
    "dg.adaptive": ("adaptive average pool to {size}", "적응형 평균 풀링, {size}(으)로"),
    "dg.linear": ("fully connected · {n} outputs", "완전 연결 · 출력 {n}개"),
    "dg.flatten": ("flatten to {n} numbers", "펼치기: 숫자 {n}개"),
    "dg.ReLU": ("ReLU", "ReLU"),
    "dg.BatchNorm2d": ("batch norm", "배치 정규화"),
    "dg.Dropout": ("dropout", "드롭아웃"),
    "dg.LocalResponseNorm": ("LRN", "LRN(국소 응답 정규화)"),
    "dg.Identity": ("identity", "항등"),
    "dg.ZeroPad2d": ("zero padding to {h}×{w}", "0으로 채우기, {h}×{w}(으)로"),
    "dg.LeakyReLU": ("leaky ReLU", "Leaky ReLU"),
    "dg.GELU": ("GELU", "GELU"),
    "dg.Sigmoid": ("sigmoid", "시그모이드"),
    "dg.Tanh": ("tanh", "tanh"),
    "dg.Softmax": ("softmax", "소프트맥스"),
    "dg.Dropout2d": ("dropout of whole maps", "맵 단위 드롭아웃"),
    "dg.AlphaDropout": ("alpha dropout", "알파 드롭아웃"),
    "dg.ShortcutA": ("x, 1 pixel in {s} kept, zeros up to {c} channels (option A)",
                     "x를 {s}칸에 한 픽셀만 남기고, 채널 {c}개까지 0으로 채움(옵션 A)"),
    "dg.shortcut_a": ("x (option A: subsample, zero channels)", "x (옵션 A: 건너뛰어 줄이고 0 채널 추가)"),
    "dg.identity": ("x (identity)", "x (항등 연결)"),
    "dg.projection": ("x (projection: 1×1 conv)", "x (투영: 1×1 합성곱)"),
    "dg.costs": ("{params} params · {macs} MACs", "파라미터 {params} · MACs {macs}"),
    "fix.nearest": ("Use the nearest value that works: {value}", "통과하는 가장 가까운 값으로 바꾸기: {value}"),
    "fix.button": ("Use {size} x {size}", "{size} × {size}(으)로 바꾸기"),
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
    "arch.residual_block": ("Residual block · lecture code", "잔차 블록 · 강의 코드"),
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
                    "{c}×{h}×{w} 입력이 가중치 층 {depth}개를 지나 클래스 점수 {out}개가 됩니다. 소프트맥스(softmax)가 점수를 확률로 바꿉니다."),
    "notice.fc_vs_conv": ("The fully connected layers hold {fc}% of the parameters ({big} alone: {big_params}), while the convolutions do {conv}% of the multiply-adds.",
                          "완전 연결 층에 파라미터의 {fc}%가 있고({big} 하나만 {big_params}개), 곱셈-누산의 {conv}%는 합성곱 층에서 일어납니다."),
    "notice.first_conv": ("First convolution: {formula}.", "첫 번째 합성곱: {formula}."),
    "notice.inception": ("{n} Inception modules: each runs 1×1, 3×3, 5×5 and pooling branches side by side and concatenates them ({first}: {cin} channels in, {cout} out).",
                         "Inception 모듈 {n}개: 각 모듈은 1×1, 3×3, 5×5, 풀링 가지를 나란히 계산해 채널 방향으로 연결합니다({first}: 입력 {cin}채널, 출력 {cout}채널)."),
    "notice.residual": ("{adds} residual additions F(x) + x; {proj} of them use a 1×1 projection where the shape changes.",
                        "잔차 덧셈 F(x) + x가 {adds}번 있고, 그중 {proj}번은 모양이 바뀌는 곳이라 1×1 합성곱(투영)을 씁니다."),
    "notice.ledger": ("Channels: {ledger} (each dense layer adds k = {k}; each transition halves).",
                      "채널 수: {ledger} (밀집 층마다 k = {k}개씩 늘고, 전환 층에서 절반이 됩니다)."),
    "notice.memory": ("The widest layer output is {layer} with {values} values.",
                      "가장 큰 층 출력은 {layer}의 값 {values}개입니다."),
    # --- lesson: AlexNet ---------------------------------------------------------------
    "nav.alexnet": ("AlexNet: 224 → 9216", "AlexNet: 224 → 9216"),
    "alex.title": ("AlexNet: from 224×224 pixels to 9216 numbers", "AlexNet: 224×224 픽셀에서 숫자 9216개로"),
    "alex.intro": ("Five convolution layers find patterns, max-pooling layers shrink the maps, three fully connected layers decide, and softmax turns the final scores into probabilities. Every number below comes from tracing the real PyTorch model.",
                   "합성곱 층 5개가 패턴을 찾고, 최대 풀링 층이 맵을 줄이고, 완전 연결 층 3개가 판단하며, 마지막에 소프트맥스(softmax)가 점수를 확률로 바꿉니다. 아래의 모든 숫자는 실제 PyTorch 모델을 추적해서 얻은 것입니다."),
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
    "alex.stride": ("conv1 stride", "conv1 보폭(stride)"),
    "alex.padding": ("conv1 padding", "conv1 패딩"),
    "alex.conv1.note": ("Try stride 2 at 224: conv1 then gives floor((224 + 4 - 11) / 2) + 1 = 109, and every later layer grows with it.",
                        "224에서 보폭(stride)을 2로 바꿔 보세요. conv1 출력이 floor((224 + 4 - 11) / 2) + 1 = 109가 되고, 뒤의 모든 층이 함께 커집니다."),
    "alex.sizes.intro": ("The 2012 paper says its input is 224×224, but with an 11×11 filter, stride 4 and no padding, (224 - 11) / 4 + 1 = 54.25 is not a whole number: the floor gives 54, and the maps reach fc6 as 256×5×5 = 6400 numbers instead of 9216. At 227, (227 - 11) / 4 + 1 = 55 exactly. torchvision pads by 2 instead, so 224 gives 55.",
                         "2012년 논문은 입력이 224×224라고 하지만, 11×11 필터, 보폭(stride) 4, 패딩 0이면 (224 - 11) / 4 + 1 = 54.25로 정수가 아닙니다. 내림하면 54가 되고, fc6에는 9216개가 아니라 256×5×5 = 6400개의 숫자가 도착합니다. 227이면 (227 - 11) / 4 + 1 = 55로 딱 맞습니다. torchvision은 대신 패딩 2를 써서 224에서 55가 됩니다."),
    "alex.sizes.case": ("{layout} at {size}", "{layout}, 입력 {size}"),
    "alex.sizes.conv1": ("conv1: {formula}", "conv1: {formula}"),
    "alex.sizes.reaches": ("Reaches fc6 with {n} numbers ({shape}).", "fc6에 숫자 {n}개({shape})가 도착합니다."),
    "alex.sizes.works": ("✓ It runs to the end: {n} scores, one per class.", "✓ 끝까지 지나갑니다: 클래스마다 점수 하나씩, {n}개."),
    "alex.gpus.intro": ("In 2012 one GPU had 3 GB of memory, too little for the network, so the paper split every layer across two GPUs. conv2, conv4 and conv5 only read the maps on their own GPU (groups = 2), which halves their weights; conv3 and the fully connected layers read both.",
                        "2012년의 GPU 하나는 메모리가 3GB뿐이라 네트워크 전체를 담을 수 없었고, 그래서 논문은 모든 층을 GPU 두 개에 나누었습니다. conv2, conv4, conv5는 자기 GPU에 있는 맵만 읽어서(groups = 2) 가중치가 절반이 되고, conv3과 완전 연결 층은 양쪽을 모두 읽습니다."),
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
                             "적응형 평균 풀링: 입력 크기와 상관없이 출력이 {hw}이(가) 됩니다."),
    "op.LocalResponseNorm": ("Local response normalisation: each value is damped by its neighbours in nearby channels (the paper's LRN).",
                             "국소 응답 정규화(LRN): 각 값을 이웃 채널의 값들로 나누어 눌러 줍니다."),
    "op.Flatten": ("Flatten (serialising): the {c}×{h}×{w} maps become one row of {n} numbers for the fully connected layers.",
                   "펼치기(serializing): {c}×{h}×{w} 맵이 완전 연결 층을 위한 숫자 {n}개의 한 줄이 됩니다."),
    "op.Dropout": ("Dropout: during training, half of these values are set to 0 at random, so the network cannot rely on any single one. At test time it does nothing.",
                   "드롭아웃: 학습할 때 이 값의 절반을 무작위로 0으로 만들어, 네트워크가 특정 값 하나에 기대지 못하게 합니다. 테스트할 때는 아무 일도 하지 않습니다."),
    "op.Linear": ("Fully connected: every one of the {fin} inputs is connected to every one of the {fout} outputs.",
                  "완전 연결: 입력 {fin}개 하나하나가 출력 {fout}개 모두와 연결됩니다."),
    "op.softmax": ("The last layer gives {n} scores; softmax turns them into {n} probabilities that add up to 1 (it has no parameters, so PyTorch models leave it to the loss function).",
                   "마지막 층은 점수 {n}개를 내고, 소프트맥스가 이를 합이 1인 확률 {n}개로 바꿉니다(파라미터가 없어서 PyTorch 모델은 손실 함수에 맡깁니다)."),
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
                           "1×1 필터 {r}개가 (강의처럼 높이 × 너비 × 채널로 쓰면) {h}×{w}×{cin}을(를) {h}×{w}×{r}(으)로 바꿉니다. 각 픽셀의 숫자 {cin}개가 {r}개가 됩니다(채널의 선형 변환). 가중치 {weights}개, 곱셈-누산 {macs}번이 듭니다."),
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
                        "논문 표 1은 반올림되어 있고 몇 군데 계산 실수가 있습니다(표의 파라미터는 1,024개 단위). 4c는 파라미터가 463 × 1,024 = 약 47만 개로 적혀 있지만 표의 폭으로 계산하면 509,440개(약 51만)이고, 5a는 1,072 × 1,024 = 약 110만 개가 아니라 1,042,432개(약 104만)입니다. 여기 숫자는 같은 표의 폭으로 계산한 값입니다."),
    "inc.col.module": ("Module", "모듈"),
    "inc.col.input": ("Input", "입력"),
    "inc.col.widths": ("1×1 / 3×3 / 5×5 filters", "1×1 / 3×3 / 5×5 필터"),
    "inc.col.reduced_w": ("Weights, with 1×1 reductions", "가중치, 1×1 축소 있음"),
    "inc.col.naive_w": ("Weights, naive", "가중치, 축소 없음"),
    "inc.col.reduced_m": ("MACs, with reductions", "MACs, 축소 있음"),
    "inc.col.naive_m": ("MACs, naive", "MACs, 축소 없음"),
    "inc.col.saving": ("Fewer MACs", "MACs 절약"),
    "inc.col.out": ("Output channels (naive)", "출력 채널 (축소 없음)"),
    "inc.col.table1": ("Table 1: params K / ops M", "표 1: 파라미터 / 연산"),
    "inc.naive": ("Naive module (no 1×1 reductions)", "축소 없는 모듈"),
    "inc.reduced": ("Inception module (with 1×1 reductions)", "Inception 모듈 (1×1 축소)"),
    "inc.macs_m": ("Millions of multiply-adds", "곱셈-누산 (백만)"),
    "inc.chart": ("Multiply-adds per module: naive vs with 1×1 reductions", "모듈별 곱셈-누산: 축소 없음과 1×1 축소"),
    "inc.total": ("All nine modules: {naive} MACs naive, {reduced} with reductions ({times:.1f}× fewer).",
                  "모듈 9개 합계: 축소 없이 {naive}, 1×1 축소로 {reduced} ({times:.1f}배 적음)."),
    "inc.module": ("Module", "모듈"),
    "inc.inside.note": ("Four branches see the same {cin}-channel input. The pooling branch's 1×1 projection matters too: pooling keeps all {cin} channels, which would otherwise pile up in the concatenation.",
                        "네 가지가 같은 {cin}채널 입력을 봅니다. 풀링 가지 뒤의 1×1도 중요합니다. 풀링은 입력 채널 {cin}개를 그대로 남기므로, 줄이지 않으면 연결할 때 채널이 계속 쌓입니다."),
    "inc.aux.intro": ("During training two extra classifiers sit on 4a and 4d. Their losses are added to the main loss with weight {w}, so the middle of the network gets a gradient directly (against the vanishing gradient). At test time they are removed and only the last softmax is used.",
                      "학습할 때는 4a와 4d에 분류기가 하나씩 더 붙습니다. 이들의 손실에 {w}을(를) 곱해 주 손실에 더하므로, 네트워크 중간에도 기울기가 직접 전달됩니다(기울기 소실 문제 완화). 테스트할 때는 제거하고 마지막 소프트맥스(softmax)만 씁니다."),
    "inc.aux.loss": ("loss = loss(main) + {w} × loss(aux1) + {w} × loss(aux2)", "손실 = 손실(주) + {w} × 손실(aux1) + {w} × 손실(aux2)"),
    "inc.aux.params": ("The two auxiliary classifiers hold {aux} of the {total} parameters ({pct}%), all thrown away after training.",
                       "보조 분류기 두 개에 전체 파라미터 {total}개 중 {aux}개({pct}%)가 있으며, 학습이 끝나면 모두 버려집니다."),
    "dg.aux_out": ("auxiliary softmax (× {w}, training only)", "보조 소프트맥스 (× {w}, 학습 때만)"),
    # --- lesson: ResNet ---------------------------------------------------------------
    "nav.resnet": ("ResNet: F(x) + x", "ResNet: F(x) + x"),
    "res.title": ("ResNet: learn only what to add, F(x) + x", "ResNet: 더할 것만 배우기, F(x) + x"),
    "res.intro": ("The deeper a plain network, the harder it is to train: a 56-layer plain network does worse than a 20-layer one. A residual block adds its input x back to what its layers compute, F(x). The block then only has to learn the difference, and if nothing helps, F(x) = 0 passes x through unchanged.",
                  "네트워크가 깊어질수록 학습이 어려워져서, 지름길 없는 56층 네트워크가 20층보다 성능이 나쁩니다. 잔차 블록은 층들이 계산한 F(x)에 입력 x를 다시 더합니다. 블록은 차이만 배우면 되고, 도움이 되는 것이 없으면 F(x) = 0으로 x를 그대로 통과시킵니다."),
    "res.tab.block": ("③ The lecture's block", "③ 강의의 블록"),
    "res.tab.compare": ("④ Basic vs bottleneck", "④ 기본 블록과 병목 블록"),
    "res.tab.projection": ("⑤ Projection shortcuts", "⑤ 투영 지름길"),
    "res.tab.family": ("⑥ ResNet-18 … 152", "⑥ ResNet-18 … 152"),
    "res.code": ("The lecture's code", "강의 코드"),
    "res.trace": ("Its trace", "추적 결과"),
    "res.in_dim": ("Channels in and out (in_dim = out_dim)", "들어오고 나가는 채널 수 (in_dim = out_dim)"),
    "res.mid_dim": ("Channels in the middle (mid_dim)", "가운데 채널 수 (mid_dim)"),
    "res.size": ("Feature map size", "특징 맵 크기"),
    "res.basic": ("Basic block (ResNet-18/34)", "기본 블록 (ResNet-18/34)"),
    "res.bottleneck": ("Bottleneck block (ResNet-50/101/152)", "병목 블록 (ResNet-50/101/152)"),
    "res.basic_width": ("Basic block width", "기본 블록 폭"),
    "res.bn_in": ("Bottleneck input = output channels", "병목 블록 입력 = 출력 채널"),
    "res.bn_mid": ("Bottleneck inner width", "병목 블록 안쪽 폭"),
    "res.weights": ("Conv weights", "합성곱 가중치"),
    "res.compare.note": ("Both blocks cost about the same, but the bottleneck works on 256 channels instead of 64: the 1×1 convolutions shrink 256 to {mid} for the 3×3 and grow it back, which is what made 50, 101 and 152 layers affordable.",
                         "두 블록의 비용은 비슷하지만 병목 블록은 64채널이 아니라 256채널을 다룹니다. 1×1 합성곱이 3×3을 위해 256을 {mid}(으)로 줄였다가 다시 늘리기 때문이며, 그래서 50, 101, 152층이 가능해졌습니다."),
    "res.projection.intro": ("Where a stage halves the size and changes the channels, x cannot be added to F(x) as it is: a 1×1 convolution with stride 2 (a projection, option B of the paper) reshapes it. Everywhere else the shortcut is the identity and costs nothing.",
                             "단계가 바뀌어 크기가 절반이 되고 채널이 달라지는 곳에서는 x를 F(x)에 그대로 더할 수 없습니다. 보폭 2의 1×1 합성곱(투영(projection), 논문의 옵션 B)이 모양을 맞춥니다. 나머지 곳의 연결은 항등 연결이라 비용이 없습니다."),
    "res.col.block": ("Block", "블록"),
    "res.col.from": ("x", "x"),
    "res.col.to": ("F(x)", "F(x)"),
    "res.col.proj": ("Projection parameters", "투영 파라미터"),
    "res.family.size": ("Input size", "입력 크기"),
    "col.model": ("Model", "모델"),
    "res.col.depth": ("Depth", "깊이"),
    "res.col.blocks": ("Blocks per stage", "단계별 블록 수"),
    "res.col.block_type": ("Block", "블록 종류"),
    "fam.params_m": ("Parameters (millions)", "파라미터 (백만)"),
    "fam.macs_g": ("MACs (billions)", "MACs (십억)"),
    "fam.title": ("Parameters and multiply-adds", "파라미터와 곱셈-누산"),
    # --- measured: why shortcuts matter (ResNet Figure 1, gradients, DenseNet reuse) ----
    "res.tab.figure1": ("① Deeper is harder (Figure 1)", "① 깊을수록 어렵다 (그림 1)"),
    "res.tab.gradients": ("② Gradients at the start", "② 학습 시작 때의 기울기"),
    "res.f1.seed": ("The lecture: *“The deeper the network, the harder it is to optimise (train).”* The ResNet paper shows it with Figure 1: on CIFAR-10 a plain 56-layer network ends with a higher **training** error than a plain 20-layer one, so it is not overfitting: the deeper network is worse at the very pictures it learns from. Below, the same four networks (He et al. 2016, section 4.2) were trained on this machine on Fashion-MNIST, with and without shortcuts.",
                    "강의: *“네트워크가 더 깊어질 수록 Optimize(Train)하는 것이 더 어렵다.”* ResNet 논문은 그림 1로 이것을 보입니다. CIFAR-10에서 지름길 없는(plain) 56층 네트워크가 20층 네트워크보다 **학습** 오류가 더 높게 끝납니다. 과적합이 아니라, 더 깊은 네트워크가 자기가 배우는 바로 그 그림에서 더 못하는 것입니다. 아래는 같은 네 네트워크(He 외 2016, 4.2절)를 이 컴퓨터에서 Fashion-MNIST로, 지름길이 있을 때와 없을 때 학습한 결과입니다."),
    "res.f1.missing": ("Figure 1 needs the four networks trained on this computer; not trained yet: {missing}. The teacher trains them, one at a time on the Training page or all four on the server with `make weights` (about {minutes} minutes on two cores); then the figure appears here.",
                       "그림 1에는 이 컴퓨터에서 학습한 네 네트워크가 필요합니다. 아직 학습하지 않은 것: {missing}. 선생님이 학습 페이지에서 하나씩 학습하거나, 선생님이 서버에서 `make weights`를 실행하면(두 코어에서 넷 모두 약 {minutes}분) 여기에 그림이 나옵니다."),
    "res.f1.to_training": ("Open the Training page", "학습 페이지 열기"),
    "res.f1.mixed": ("These four were trained with {recipes} different recipes, so their curves do not compare fairly. The teacher can train them again on the server with `make weights` (a network already trained with the current recipe is skipped).",
                     "네 네트워크가 서로 다른 {recipes}가지 방법으로 학습되었습니다. 그래서 곡선을 공정하게 비교할 수 없습니다. 선생님이 서버에서 `make weights`를 실행하면 다시 학습합니다(현재 방법으로 이미 학습된 네트워크는 건너뜁니다)."),
    "res.f1.plain_worse": ("**Without shortcuts, here:** after {epochs} epoch the 56-layer network's training error is **{deep}**%, the 20-layer one's **{shallow}**%. More layers, more mistakes on the pictures it trained on: the degradation of Figure 1, measured on this machine.",
                           "**지름길이 없을 때, 여기서는:** {epochs} 에폭 뒤 56층 네트워크의 학습 오류는 **{deep}**%, 20층은 **{shallow}**%입니다. 층이 많을수록 자기가 학습한 그림에서 더 많이 틀립니다. 그림 1의 성능 저하(degradation)가 이 컴퓨터에서도 측정되었습니다."),
    "res.f1.plain_not_worse": ("**Without shortcuts, here:** after {epochs} epoch the 56-layer network's training error is **{deep}**%, the 20-layer one's **{shallow}**%: within this budget the degradation of Figure 1 did **not** appear. The paper trained for 64,000 steps; these ran {steps}.",
                               "**지름길이 없을 때, 여기서는:** {epochs} 에폭 뒤 56층 네트워크의 학습 오류는 **{deep}**%, 20층은 **{shallow}**%입니다. 이 학습 시간 안에서는 그림 1의 성능 저하가 나타나지 **않았습니다**. 논문은 64,000번 학습했고, 여기서는 {steps}번 학습했습니다."),
    "res.f1.res_better": ("**With shortcuts:** 56 layers end at **{deep}**%, 20 layers at **{shallow}**%: now the deeper network is the better one, as in the paper's Figure 4.",
                          "**지름길이 있을 때:** 56층은 **{deep}**%, 20층은 **{shallow}**%로 끝납니다. 이제는 더 깊은 네트워크가 더 좋습니다. 논문의 그림 4와 같습니다."),
    "res.f1.res_same": ("**With shortcuts:** 56 layers end at **{deep}**%, 20 layers at **{shallow}**%: about the same. The extra depth no longer hurts; in this short run it has not yet helped either.",
                        "**지름길이 있을 때:** 56층은 **{deep}**%, 20층은 **{shallow}**%로 끝납니다. 거의 같습니다. 늘어난 깊이가 더 이상 해가 되지 않지만, 이렇게 짧은 학습에서는 아직 도움도 되지 않았습니다."),
    "res.f1.res_not_better": ("**With shortcuts:** 56 layers end at **{deep}**%, 20 layers at **{shallow}**%: in this short run the extra depth has not paid off yet.",
                              "**지름길이 있을 때:** 56층은 **{deep}**%, 20층은 **{shallow}**%로 끝납니다. 이렇게 짧은 학습에서는 늘어난 깊이가 아직 도움이 되지 않았습니다."),
    "res.f1.pair": ("At 56 layers the shortcuts alone, with the same layers and the same number of weights, take the training error from {plain}% to {res}%.",
                    "56층에서 층과 가중치 수는 그대로 두고 지름길만 더하면 학습 오류가 {plain}%에서 {res}%로 바뀝니다."),
    "res.f1.setup": ("How these were trained (the same for all four): {epochs} epoch of the 60,000 training pictures at {size} px, batch {batch}, SGD with momentum 0.9, peak learning rate {lr} on a one-cycle schedule, weight decay {wd}, seed {seed}. Points along the way are measured on the first {sample:,} pictures of each set, the last one on all 60,000 training and 10,000 test pictures, in evaluation mode.",
                     "학습 방법 (넷 모두 같음): 학습 그림 60,000장을 {size} px로 {epochs} 에폭, 배치 {batch}, 모멘텀 0.9의 SGD, 원 사이클(one-cycle) 스케줄의 최대 학습률 {lr}, 가중치 감쇠 {wd}, 시드 {seed}. 중간 점들은 각 세트의 처음 {sample:,}장에서, 마지막 점은 학습 그림 60,000장과 테스트 그림 10,000장 전부에서 평가 모드로 측정했습니다."),
    "res.f1.divergence": ("Where this differs from the paper: Fashion-MNIST (28 px, gray) instead of CIFAR-10 (32 px, colour), so the maps are 28, 14 and 7 px instead of 32, 16 and 8; one epoch instead of about 164; a one-cycle schedule instead of two drops of the learning rate; no mirroring or cropping. The networks themselves are the paper's, option A shortcuts included.",
                          "논문과 다른 점: CIFAR-10(32 px, 컬러) 대신 Fashion-MNIST(28 px, 흑백)를 써서 특징 맵이 32, 16, 8 px이 아니라 28, 14, 7 px입니다. 약 164 에폭 대신 1 에폭, 학습률을 두 번 낮추는 대신 원 사이클(one-cycle) 스케줄, 좌우 반전과 자르기 없음. 네트워크 자체는 논문 그대로이며 옵션 A 지름길도 같습니다."),
    "res.f1.files": ("Every number above is in the files this machine wrote: {files} (`error_curve`, `train_error`, `test_accuracy`).",
                     "위의 모든 숫자는 이 컴퓨터가 쓴 파일에 있습니다: {files} (`error_curve`, `train_error`, `test_accuracy`)."),
    "res.f1.col.train": ("Training error (all 60,000)", "학습 오류 (60,000장 전부)"),
    "res.f1.col.test": ("Test error (all 10,000)", "테스트 오류 (10,000장 전부)"),
    "res.f1.col.minutes": ("Minutes of training", "학습 시간 (분)"),
    "sc.f1.title": ("Error while training (measured here)", "학습 중의 오류 (여기서 측정)"),
    "sc.f1.title.reference": ("Error while training (reference results, {date})",
                              "학습 중의 오류 (기준 결과, {date})"),
    "sc.f1.plain_train": ("Plain · train", "지름길 없음 · 학습"),
    "sc.f1.plain_test": ("Plain · test", "지름길 없음 · 테스트"),
    "sc.f1.res_train": ("ResNet · train", "잔차 · 학습"),
    "sc.f1.res_test": ("ResNet · test", "잔차 · 테스트"),
    "sc.f1.error_axis": ("Error (%)", "오류율 (%)"),
    "sc.f1.epoch_axis": ("Epochs", "에폭"),
    "sc.f1.epochs": ("epochs", "에폭"),
    "res.g.intro": ("Before any training: one forward and one backward pass through a fresh network, on {batch} real Fashion-MNIST pictures. Each point is the size of the gradient of one convolution's weights, ‖∂loss/∂W‖, from the input (left) to the output (right): how hard the first step of training would push that layer. Plain and residual networks start from exactly the same weights.",
                    "학습 전: 새 네트워크에 실제 Fashion-MNIST 그림 {batch}장을 넣어 순전파와 역전파를 한 번씩 합니다. 각 점은 합성곱 하나의 가중치 기울기 크기 ‖∂손실/∂W‖이며, 입력(왼쪽)부터 출력(오른쪽)까지 그립니다. 학습의 첫 걸음이 그 층을 얼마나 세게 미는지입니다. 지름길 없는(plain) 네트워크와 잔차 네트워크는 정확히 같은 가중치에서 시작합니다."),
    "res.g.depth": ("Layers (6n + 2, as in the paper's section 4.2)", "층 수 (논문 4.2절처럼 6n + 2)"),
    "res.g.title": ("Gradient of every convolution at the start, {depth} layers", "학습 시작 때 모든 합성곱의 기울기, {depth}층"),
    "res.g.plain": ("Plain (no shortcuts)", "지름길 없는(plain) 네트워크"),
    "res.g.residual": ("Residual (F(x) + x)", "잔차 (F(x) + x)"),
    "res.g.spread": ("At {depth} layers the first convolution's gradient is **{plain}×** the last one's without shortcuts, and **{res}×** with them.",
                     "{depth}층에서 첫 합성곱의 기울기는 마지막 합성곱의 **{plain}배**(지름길 없음), **{res}배**(지름길 있음)입니다."),
    "res.g.explode": ("Without shortcuts the gradient **grows** layer by layer toward the input: here it explodes rather than vanishes. These networks have batch normalization after every convolution, as the paper's do, and a deep stack of convolution, batch norm and ReLU amplifies the backward signal at each layer (Yang et al. 2019 work this out). One learning rate cannot suit layers whose gradients differ {plain}-fold: the early layers are thrown about or the late ones barely move. The textbook's “vanishing gradient” is the story of deep networks *without* batch norm; the numbers measured here tell the other half.",
                     "지름길이 없으면 기울기가 입력 쪽으로 갈수록 층마다 **커집니다**. 여기서는 사라지는(vanishing) 것이 아니라 폭발합니다. 논문의 네트워크처럼 모든 합성곱 뒤에 배치 정규화가 있고, 합성곱·배치 정규화·ReLU를 깊이 쌓으면 역전파 신호가 층마다 커집니다(Yang 외 2019가 이를 계산했습니다). 기울기가 {plain}배나 차이 나는 층들에 학습률 하나가 맞을 수 없습니다. 앞쪽 층은 크게 흔들리거나 뒤쪽 층은 거의 움직이지 않습니다. 교과서의 “기울기 소실”은 배치 정규화가 *없는* 깊은 네트워크의 이야기이고, 여기서 측정한 숫자는 나머지 절반을 보여 줍니다."),
    "res.g.vanish": ("Without shortcuts the gradient **shrinks** toward the input: the early layers hardly learn (the vanishing gradient).",
                     "지름길이 없으면 기울기가 입력 쪽으로 갈수록 **작아집니다**. 앞쪽 층은 거의 배우지 못합니다(기울기 소실)."),
    "res.g.even": ("At this depth the plain network's gradients still stay within a factor of 10 from input to output: the trouble starts deeper; move the slider.",
                   "이 깊이에서는 지름길 없는 네트워크의 기울기도 입력에서 출력까지 10배 안에 있습니다. 문제는 더 깊어야 시작됩니다. 슬라이더를 움직여 보세요."),
    "res.g.residual_words": ("With shortcuts every block's gradient is its own part plus what the shortcut carries back unchanged from the loss, so no layer is far from it: the spread stays at {res}×.",
                             "지름길이 있으면 블록마다 자기 몫의 기울기에 지름길이 손실에서 그대로 가져온 기울기가 더해집니다. 그래서 어느 층도 손실에서 멀지 않고, 차이는 {res}배에 머뭅니다."),
    "res.g.note": ("Measured when the page asks, on this server's CPU (the same weights and pictures every time: seed 0, the first {batch} training pictures at {side} px); ‖·‖ is the Euclidean norm over the layer's whole weight tensor, in training mode (batch norm on the batch's statistics, as the first step of training sees it).",
                   "페이지가 요청할 때 이 서버의 CPU에서 측정합니다(매번 같은 가중치와 그림: 시드 0, 학습 그림 처음 {batch}장, {side} px). ‖·‖는 층의 가중치 텐서 전체에 대한 유클리드 노름이며, 학습 모드(배치 정규화가 배치의 통계를 씀, 학습 첫 걸음과 같음)에서 계산합니다."),
    "sc.g.x_axis": ("Convolution, from input to output", "합성곱, 입력에서 출력 순"),
    "sc.g.y_axis": ("‖∂loss/∂W‖ (log scale)", "‖∂손실/∂W‖ (로그 눈금)"),
    "inc.g.intro": ("Is that reason visible? One forward and backward pass through the paper's GoogLeNet at initialisation, on {batch} Fashion-MNIST pictures at 224 px: the gradient of every convolution on the main path, with the main loss alone and with the two auxiliary losses added (× {w}).",
                    "그 이유가 보일까요? 초기화된 논문의 GoogLeNet에 Fashion-MNIST 그림 {batch}장(224 px)을 넣어 순전파와 역전파를 한 번 합니다. 주 경로의 모든 합성곱의 기울기를, 주 손실만 쓸 때와 보조 손실 두 개(× {w})를 더할 때 비교합니다."),
    "inc.g.title": ("GoogLeNet at the start: gradient of every main-path convolution", "학습 시작 때의 GoogLeNet: 주 경로 합성곱마다의 기울기"),
    "inc.g.without": ("Main loss only", "주 손실만"),
    "inc.g.with": ("Main + {w} × auxiliary losses", "주 손실 + {w} × 보조 손실"),
    "inc.g.aux_mark": ("aux {n}", "보조 {n}"),
    "inc.g.words": ("Measured here: with the auxiliary losses the first convolution's gradient is **{stem}×** larger ({without} → {with_aux}); above 4d, where no auxiliary classifier reads, the gradients are the same to {digits} digits. Without them, the first layer's gradient is {ratio}× smaller than the last one's: the seed's reason for the auxiliary classifiers, measured.",
                    "여기서 측정한 결과: 보조 손실을 더하면 첫 합성곱의 기울기가 **{stem}배** 커집니다({without} → {with_aux}). 보조 분류기가 읽지 않는 4d 위쪽에서는 기울기가 소수 {digits}자리까지 같습니다. 보조 손실이 없으면 첫 층의 기울기는 마지막 층보다 {ratio}배 작습니다. 강의 노트가 말한 보조 분류기의 이유를 측정한 것입니다."),
    "inc.g.note": ("The paper's layout (Table 1) with both auxiliary classifiers, seeded untrained weights, 1 input channel; measured once per server on its CPU.",
                   "두 보조 분류기를 포함한 논문의 구조(표 1), 시드로 정한 학습 전 가중치, 입력 채널 1개. 서버마다 한 번 CPU에서 측정합니다."),
    "dense.tab.reuse": ("⑤ Which features are reused (trained)", "⑤ 어떤 특징을 다시 쓰나 (학습됨)"),
    "dense.r.intro": ("The lecture: every layer receives the maps of *all* earlier layers. Does a trained network use them? Huang et al. 2017 (Figure 5) answer from the weights: for each layer, the average absolute weight it gives to the maps of each earlier layer. Here the same picture from the DenseNet-121 trained on this machine on Fashion-MNIST.",
                      "강의: 모든 층이 앞선 *모든* 층의 특징 맵을 받습니다. 학습된 네트워크는 그것을 정말 쓸까요? Huang 외(2017, 그림 5)는 가중치로 답합니다. 각 층이 앞선 각 층의 특징 맵에 주는 가중치 절댓값의 평균입니다. 여기서는 이 컴퓨터에서 Fashion-MNIST로 학습한 DenseNet-121로 같은 그림을 그립니다."),
    "dense.r.missing": ("This picture needs the DenseNet-121 trained on this computer, and there is none yet. The teacher trains it on the Training page, or on the server with `make weights` (with the other lecture networks); then the picture appears here.",
                        "이 그림에는 이 컴퓨터에서 학습한 DenseNet-121이 필요한데 아직 없습니다. 선생님이 학습 페이지에서 학습하거나, 선생님이 서버에서 `make weights`를 실행하면(다른 강의 네트워크와 함께) 여기에 그림이 나옵니다."),
    "dense.r.read": ("How to read it: a row is a layer that reads, a column the maps it reads (the block's input, then the maps each layer added). The colour compares each source with what that layer gives its sources on average: white is average, red read more, blue read less; gray: maps made after that layer, which it cannot see. The last row is what comes after the block (the transition, or the classifier after block 4).",
                     "읽는 법: 행은 읽는 층, 열은 그 층이 읽는 특징 맵입니다(블록의 입력, 그다음 각 층이 더한 맵). 색은 각 출처를 그 층이 출처들에 주는 평균과 비교합니다. 흰색은 평균, 빨간색은 더 많이, 파란색은 더 적게 읽는 것입니다. 회색은 그 층 뒤에 만들어져 볼 수 없는 맵입니다. 마지막 행은 블록 다음에 오는 것(전환 층, 블록 4 뒤에는 분류기)입니다."),
    "dense.r.words": ("Measured in these weights: in each layer, the most and the least read sources are at most **{each}** from that layer's average (blocks 1 to {n}); in the same network before training, **{before}**.",
                      "이 가중치에서 측정한 결과: 각 층에서 가장 많이, 가장 적게 읽히는 출처는 그 층의 평균에서 많아야 **{each}** 떨어져 있습니다(블록 1부터 {n}까지). 같은 네트워크의 학습 전 값은 **{before}**."),
    "dense.r.moved": ("In block {blocks}, training has moved them well beyond where they started: there the red cells are maps a layer now reads more than its average, the blue ones less.",
                      "블록 {blocks}에서는 학습이 가중치를 시작점보다 크게 바꿨습니다. 그곳의 빨간 칸은 층이 이제 평균보다 더 많이 읽는 맵, 파란 칸은 더 적게 읽는 맵입니다."),
    "dense.r.still": ("In block {blocks}, the layers still read every earlier map about equally, as they did at the start: after {epochs} epochs, every feature made before a layer is still in use there. (The paper's network trained for 300 epochs; its preferences are stronger.)",
                      "블록 {blocks}에서는 층들이 처음처럼 앞선 모든 맵을 거의 고르게 읽습니다. {epochs} 에폭 학습 뒤에도 층 앞에서 만들어진 모든 특징이 그대로 쓰입니다. (논문의 네트워크는 300 에폭 학습했고, 선호가 더 뚜렷합니다.)"),
    "dense.r.classifier": ("The classifier after the last block reads the maps of **{top}** most ({top_pct}) and those of **{low}** least ({low_pct}).",
                           "마지막 블록 뒤의 분류기는 **{top}**의 맵을 가장 많이({top_pct}), **{low}**의 맵을 가장 적게({low_pct}) 읽습니다."),
    "dense.r.source": ("layer {n}", "층 {n}"),
    "dense.r.source_input": ("the block's input", "블록의 입력"),
    "dense.r.divergence": ("Where this differs from the paper: Figure 5 is a DenseNet with three blocks of 12 layers (k = 12) on CIFAR-10, whose layers read their inputs with a 3×3 convolution; DenseNet-121 is a DenseNet-BC with four blocks (6, 12, 24, 16 layers, k = 32) whose layers read them with a 1×1 bottleneck, and these weights are that 1×1's. The paper colours the raw means; here each row is compared with its own mean, because a layer's weights start at a scale set by its number of inputs, which after a short run would be most of what raw colours show.",
                           "논문과 다른 점: 그림 5는 CIFAR-10에서 학습한, 블록 3개에 층 12개씩(k = 12)인 DenseNet이고 층들이 3×3 합성곱으로 입력을 읽습니다. DenseNet-121은 블록 4개(층 6, 12, 24, 16개, k = 32)인 DenseNet-BC이고, 층들이 1×1 병목 합성곱으로 입력을 읽으므로 여기의 가중치는 그 1×1의 가중치입니다. 논문은 평균값 자체로 색을 칠하지만, 여기서는 각 행을 그 행의 평균과 비교합니다. 층의 가중치는 입력 수에 따라 정해진 크기에서 시작하므로, 짧은 학습 뒤에는 평균값 자체의 색이 대부분 그 크기만 보여 주기 때문입니다."),
    "dense.r.file": ("Computed in milliseconds, when the page opens, from {file} (test accuracy {acc}, SHA-256 {sha}…).",
                     "페이지를 열 때 {file}(테스트 정확도 {acc}, SHA-256 {sha}…)에서 밀리초 만에 계산합니다."),
    "sc.r.title": ("Dense block {block} ({layers} layers)", "밀집 블록 {block} (층 {layers}개)"),
    "sc.r.input": ("in", "입력"),
    "sc.r.transition": ("trans.", "전환 층"),
    "sc.r.classifier": ("classif.", "분류기"),
    "sc.r.mean": ("mean", "평균"),
    "sc.r.source_axis": ("Maps of (source)", "읽는 맵 (출처)"),
    "sc.r.target_axis": ("Read by (layer)", "읽는 층"),
    "sc.r.hover": ("reader %{y}, source %{x}: %{z:.2f}× the reader's average (mean |w| = %{customdata})",
                   "읽는 층 %{y}, 출처 %{x}: 그 층 평균의 %{z:.2f}배 (평균 |w| = %{customdata})"),
    # --- lesson: DenseNet -------------------------------------------------------------
    "nav.densenet": ("DenseNet: concatenate and grow", "DenseNet: 연결하고 자라기"),
    "dense.title": ("DenseNet: concatenate, grow, compress", "DenseNet: 연결하고, 자라고, 줄이기"),
    "dense.intro": ("Every layer receives the feature maps of all layers before it, joined by concatenation (not addition as in ResNet), and adds k new maps of its own. Concatenation needs equal map sizes, so pooling happens only between dense blocks, in transition layers (BN, 1×1 conv, 2×2 average pool) that also shrink the channels.",
                    "모든 층이 앞선 모든 층의 특징 맵을 연결(concatenate)로 받고(ResNet처럼 덧셈이 아님), 자신의 새 특징 맵 k개를 더합니다. 연결하려면 맵 크기가 같아야 하므로, 풀링은 밀집 블록 사이의 전환 층(BN, 1×1 합성곱, 2×2 평균 풀링)에서만 하며 전환 층은 채널 수도 줄입니다."),
    "dense.tab.ledger": ("① Channel ledger", "① 채널 누적표"),
    "dense.tab.parts": ("② Bottleneck and transition", "② 병목 층과 전환 층"),
    "dense.tab.add_cat": ("③ Add vs concatenate", "③ 덧셈과 연결"),
    "dense.tab.bc": ("④ The three-block DenseNet", "④ 블록 3개짜리 DenseNet"),
    "dense.base": ("Network", "네트워크"),
    "dense.k": ("Growth rate k", "성장률 k"),
    "dense.theta": ("Compression θ (transition keeps this fraction)", "압축률 θ (전환 층이 남기는 비율)"),
    "dense.blocks": ("Layers in block {i}", "블록 {i}의 층 수"),
    "dense.layer_axis": ("Dense layers and transitions, in order", "밀집 층과 전환 층 (순서대로)"),
    "dense.ledger_title": ("Channels after every layer (k = {k})", "각 층 뒤의 채널 수 (k = {k})"),
    "dense.ledger_rule": ("Inside a block the ℓ-th layer outputs k0 + ℓ·k channels; here {k0} + {l}·{k} = {total} at the end of block 1. A transition keeps floor(θ·m).",
                          "블록 안에서 ℓ번째 층은 k0 + ℓ·k 채널을 출력합니다. 여기서는 블록 1 끝에서 {k0} + {l}·{k} = {total}. 전환 층은 floor(θ·m)만 남깁니다."),
    "dense.parts.layer": ("A dense layer: BN, ReLU, 1×1 conv to 4k = {four_k}, BN, ReLU, 3×3 conv to k = {k}, then concatenated onto its input.",
                          "밀집 층: 배치 정규화(BN), ReLU, 4k = {four_k}채널로 가는 1×1 합성곱, 배치 정규화, ReLU, k = {k}채널로 가는 3×3 합성곱, 그다음 입력에 연결."),
    "dense.parts.transition": ("A transition: BN, ReLU, 1×1 conv from {cin} to {cout} channels, 2×2 average pool halving {h}×{h} to {h2}×{h2}.",
                               "전환 층: 배치 정규화, ReLU, {cin}에서 {cout}채널로 가는 1×1 합성곱, {h}×{h}을(를) {h2}×{h2}(으)로 줄이는 2×2 평균 풀링."),
    "dense.channels": ("Input channels", "입력 채널"),
    "dense.add_result": ("ResNet adds: {a} + {b} → {out}", "ResNet은 더함: {a} + {b} → {out}"),
    "dense.cat_result": ("DenseNet concatenates: {a} and {b} → {out}", "DenseNet은 연결함: {a}과(와) {b} → {out}"),
    "dense.add_cat.note": ("Addition keeps the channel count and mixes old and new information; concatenation keeps both, so the next layer sees every earlier map directly (better information flow), at the price of more channels, which is why k is small.",
                           "덧셈은 채널 수를 유지하면서 예전 정보와 새 정보를 섞고, 연결은 둘 다 그대로 두어 다음 층이 앞선 모든 맵을 직접 봅니다(정보 흐름 향상). 대신 채널이 늘어나므로 k를 작게 씁니다."),
    "dense.bc.intro": ("The lecture's figure: DenseNet-BC (L = 100, k = 12) for 32×32 CIFAR images, three dense blocks joined by two transition layers.",
                       "강의의 그림: 32×32 CIFAR 이미지를 위한 DenseNet-BC (L = 100, k = 12), 전환 층 두 개로 이어진 밀집 블록 세 개."),
    # --- notebooks (issue 31): the lecture's own notebooks beside the app --------------------
    "alex.tab.notebook": ("⑥ The notebook", "⑥ 실습 노트북"),
    "inc.tab.notebook": ("⑤ The notebook", "⑤ 실습 노트북"),
    "res.tab.notebook": ("⑦ The notebook", "⑦ 실습 노트북"),
    "dense.tab.notebook": ("⑥ The notebook", "⑥ 실습 노트북"),
    "arch.googlenet_d2l": ("GoogLeNet · d2l lecture notebook", "GoogLeNet · 강의의 d2l 실습 노트북"),
    "arch.resnet18_d2l": ("ResNet-18 · d2l lecture notebook", "ResNet-18 · 강의의 d2l 실습 노트북"),
    "arch.densenet_notebook": ("DenseNet · lecture notebook, 3 blocks", "DenseNet · 강의 실습 노트북, 블록 3개"),
    "note.googlenet_d2l": (
        "The GoogLeNet the lecture's notebook runs (d2l 0.16.6, section 7.4): the paper's nine Inception modules with real 5×5 branches, but no batch norm, a bias on every convolution, 3×3/2 pools padded by 1, no auxiliary classifiers; 1×96×96 Fashion-MNIST input and 10 classes.",
        "강의 실습 노트북이 쓰는 GoogLeNet(d2l 0.16.6, 7.4절)입니다. 논문의 Inception 모듈 9개와 진짜 5×5 가지를 그대로 쓰지만, 배치 정규화가 없고 모든 합성곱에 편향이 있으며, 풀링은 패딩 1의 3×3/2이고 보조 분류기가 없습니다. 입력은 1×96×96 Fashion-MNIST, 클래스는 10개입니다."),
    "note.resnet18_d2l": (
        "The ResNet-18 the lecture's notebook runs (d2l 0.16.6, section 7.6): torchvision's layout of [2, 2, 2, 2] basic blocks, but every convolution has a bias and the 1×1 projection shortcut has no batch norm; 1×96×96 Fashion-MNIST input and 10 classes.",
        "강의 실습 노트북이 쓰는 ResNet-18(d2l 0.16.6, 7.6절)입니다. torchvision처럼 기본 블록을 [2, 2, 2, 2]로 쌓지만, 모든 합성곱에 편향이 있고 1×1 투영(projection) 지름길에는 배치 정규화가 없습니다. 입력은 1×96×96 Fashion-MNIST, 클래스는 10개입니다."),
    "note.densenet_notebook": (
        "The DenseNet the lecture's notebook runs (Con-Mi's hand-written network for 3×32×32 CIFAR-10): three blocks of five 3×3 layers of 32 maps with no bottleneck, whose output drops the block's input (160 channels each), transitions conv-ReLU-BN-pool, and a two-layer classifier; not the paper's DenseNet-121.",
        "강의 실습 노트북이 쓰는 DenseNet(Con-Mi가 3×32×32 CIFAR-10용으로 직접 짠 네트워크)입니다. 병목 층 없이 32채널 3×3 층 다섯 개로 된 블록이 세 개이고, 블록의 출력에서 블록의 입력이 빠져 매번 160채널입니다. 전환 층은 합성곱-ReLU-배치 정규화-풀링 순서이고, 분류기는 선형 층 두 개입니다. 논문의 DenseNet-121이 아닙니다."),
    "nb.name.alexnet": ("pytorch/xla: AlexNet on Fashion-MNIST, one TPU core", "pytorch/xla: TPU 코어 하나로 Fashion-MNIST를 배우는 AlexNet"),
    "nb.name.googlenet_d2l": ("d2l 0.16.6, 7.4: Networks with Parallel Concatenations (GoogLeNet)", "d2l 0.16.6, 7.4절: 병렬 연결 네트워크 (GoogLeNet)"),
    "nb.name.resnet18_d2l": ("d2l 0.16.6, 7.6: Residual Networks (ResNet)", "d2l 0.16.6, 7.6절: 잔차 네트워크 (ResNet)"),
    "nb.name.densenet_notebook": ("Con-Mi: Simple Implementation of Densely Connected Neural Networks", "Con-Mi: 밀집 연결 신경망의 간단한 구현"),
    "nb.intro": ("The notebook the lecture links for this model: [{name}]({link}). Below are its network as it writes it, what it printed, the same printout worked out here by the app, its recipe and results, and ours on this server.",
                 "이 모델에 대해 강의가 연결한 실습 노트북: [{name}]({link}). 아래에 노트북이 쓴 네트워크 코드, 노트북이 출력한 내용, 같은 출력을 이 앱이 직접 계산한 결과, 노트북의 학습 방법과 결과, 그리고 이 서버에서 학습한 결과가 있습니다."),
    "nb.numbers": ("Worked out here: {params} parameters and {macs} MACs (multiply-accumulates) for one {c}×{size}×{size} picture.",
                   "이 앱이 계산한 값: {c}×{size}×{size} 그림 한 장에 파라미터 {params}개, MAC(곱셈-누산) {macs}회."),
    "nb.code.h": ("The network, as the notebook writes it", "노트북이 쓴 네트워크 코드"),
    "nb.code.mxnet": ("The lecture ran the MXNet edition of d2l 0.16.6. Shown here: the PyTorch edition of the same release ([d2l-pytorch-colab]({link})), the same layers and shapes.",
                      "강의는 d2l 0.16.6의 MXNet 판을 실행했습니다. 여기에는 같은 판의 PyTorch 판([d2l-pytorch-colab]({link}))을 보여 줍니다. 층과 모양은 같습니다."),
    "nb.code.pytorch": ("The notebook is PyTorch: its network cells as it writes them.", "이 노트북은 PyTorch입니다. 네트워크를 만드는 셀을 그대로 보여 줍니다."),
    "nb.code.alexnet": ("The notebook builds torchvision's AlexNet with 10 classes; the app's `alexnet` is that network (its layers: ① Layer by layer).",
                        "노트북은 torchvision의 AlexNet을 클래스 10개로 만듭니다. 이 앱의 `alexnet`이 바로 그 네트워크입니다(층별 설명: ① 한 층씩)."),
    "nb.printout.h": ("What the notebook printed, and the same lines worked out here", "노트북의 출력과, 이 앱이 같은 줄을 계산한 결과"),
    "nb.printout.theirs": ("The notebook printed (input {shape}), verbatim", "노트북의 출력 (입력 {shape}, 노트북 원문 그대로)"),
    "nb.printout.ours": ("Worked out here from the app's trace", "이 앱의 추적으로 계산"),
    "nb.printout.same": ("The same {n} lines, character for character.", "{n}줄이 글자 하나까지 같습니다."),
    "nb.printout.differ": ("These lines differ: {lines}", "다른 줄: {lines}"),
    "nb.printout.gluon": ("Gluon (MXNet) names each layer after its class, counting from 0 across the whole notebook, so earlier cells decide the numbers ({names}); the app counts the same way.",
                          "Gluon(MXNet)은 층 이름을 클래스 이름 뒤에 노트북 전체에서 0부터 센 번호를 붙여 짓습니다. 그래서 앞 셀이 번호를 정합니다({names}). 이 앱도 같은 방식으로 셉니다."),
    "nb.printout.demo": ("Its first printout: one residual block keeping the shape, one halving it with the 1×1 shortcut, on a 4×3×6×6 input.",
                         "첫 번째 출력: 4×3×6×6 입력에 모양을 유지하는 잔차 블록 하나와, 1×1 지름길로 크기를 절반으로 줄이는 블록 하나."),
    "nb.printout.pytorch": ("The PyTorch edition prints the same shapes with PyTorch's names; worked out here:", "PyTorch 판은 같은 모양을 PyTorch 이름으로 출력합니다. 이 앱의 계산:"),
    "nb.shapes.h": ("The notebook prints no shapes; here they are, layer by layer", "노트북은 모양을 출력하지 않습니다. 이 앱이 층마다 계산한 모양"),
    "nb.shapes.col.layer": ("Layer", "층"),
    "nb.shapes.col.type": ("Type", "종류"),
    "nb.shapes.col.out": ("Output", "출력"),
    "nb.shapes.col.params": ("Parameters", "파라미터"),
    "nb.results.h": ("The notebook's recipe and results", "노트북의 학습 방법과 결과"),
    "nb.who.lecture": ("The lecture's copy printed (verbatim)", "강의 사본의 출력 (노트북 원문 그대로)"),
    "nb.who.upstream_mxnet": ("d2l's own MXNet run printed (verbatim)", "d2l의 MXNet 실행 결과 (원문 그대로)"),
    "nb.who.upstream_pytorch": ("d2l's own PyTorch run printed (verbatim)", "d2l의 PyTorch 실행 결과 (원문 그대로)"),
    "nb.recipe.alexnet": ("Fashion-MNIST resized to 224×224, copied into 3 channels, normalised with ImageNet's mean and deviation; `torch.optim.Adam` at its default rate 1e-3, batch 8, one epoch (7,500 steps), cross-entropy, PyTorch's default initial weights. Upstream promises \"60%+\" after one epoch.",
                          "Fashion-MNIST를 224×224로 키우고 3채널로 복사한 뒤 ImageNet 평균·표준편차로 정규화. `torch.optim.Adam` 기본 학습률 1e-3, 배치 8, 1 에폭(7,500 스텝), 교차 엔트로피, PyTorch 기본 초기 가중치. 원본 노트북은 1 에폭 뒤 \"60% 이상\"을 약속합니다."),
    "nb.recipe.googlenet_d2l": ("Fashion-MNIST resized to 96×96, 1 channel, values 0–1; plain SGD (no momentum) at a constant 0.1, batch 128, 10 epochs, Xavier initial weights. The lecture's copy was stopped after about 6 epochs and printed no accuracy; d2l's own runs:",
                                "Fashion-MNIST를 96×96으로 키운 1채널, 값은 0–1. 모멘텀 없는 SGD, 학습률 0.1 고정, 배치 128, 10 에폭, Xavier 초기 가중치. 강의 사본은 약 6 에폭에서 중단되어 정확도를 출력하지 않았습니다. d2l 자체 실행 결과:"),
    "nb.recipe.resnet18_d2l": ("Fashion-MNIST resized to 96×96, 1 channel, values 0–1; plain SGD (no momentum) at a constant 0.05, batch 256, 10 epochs on a GPU, Xavier initial weights.",
                               "Fashion-MNIST를 96×96으로 키운 1채널, 값은 0–1. 모멘텀 없는 SGD, 학습률 0.05 고정, 배치 256, GPU에서 10 에폭, Xavier 초기 가중치."),
    "nb.recipe.densenet_notebook": ("CIFAR-10 (3×32×32), normalised to −1…1, no augmentation; SGD at 0.001 with momentum 0.95, batch 10, 10 epochs, PyTorch's default initial weights. Its author's own run reached 79 % (loss 1.578 → 0.383, 30.5 minutes); the lecture's copy 36 %:",
                                    "CIFAR-10(3×32×32), −1…1로 정규화, 데이터 증강 없음. SGD 학습률 0.001, 모멘텀 0.95, 배치 10, 10 에폭, PyTorch 기본 초기 가중치. 작성자 본인의 실행은 79%(손실 1.578 → 0.383, 30.5분), 강의 사본은 36%였습니다:"),
    "nb.ours.h": ("Trained here, on this server's CPU", "이 서버의 CPU에서 학습한 결과"),
    "nb.ours.trained": ("Test accuracy **{acc}** on all 10,000 Fashion-MNIST test pictures (the target: {target}), after {epochs} epochs at {size}×{size} px, {seconds} s of training ({date}).",
                        "Fashion-MNIST 테스트 그림 10,000장 전체에서 정확도 **{acc}**(목표: {target}). {size}×{size} px로 {epochs} 에폭, 학습 시간 {seconds}초 ({date})."),
    "nb.ours.missing": ("Not trained on this server yet. When the teacher runs `make notebooks` on the server (the three notebook networks, 15 minutes on two cores), this tab shows the result.",
                        "이 서버에서는 아직 학습하지 않았습니다. 선생님이 서버에서 `make notebooks`를 실행하면(노트북 네트워크 세 개, CPU 코어 두 개로 15분) 이 탭에 결과가 나옵니다."),
    "nb.ours.recipe.googlenet_d2l": ("Our recipe: the network unchanged, at 48×48 px (96 costs four times the multiply-adds; at 48 every block still sees a neighbourhood until b4), AdamW peaking at 1e-3 on a one-cycle schedule, batch {batch}, {epochs} epochs. **The change from the notebook: the optimiser.** On this network without batch norm its plain SGD at 0.1 had not started to learn after 30,000 pictures here (measured below; while planning, at 32 px, one epoch: loss 2.30 then 3.19, test accuracy 0.18); AdamW at 1e-3 learns from the first steps.",
                                     "이 서버의 방법: 네트워크는 그대로, 입력은 48×48 px(96이면 곱셈-누산이 4배이고, 48에서도 b4까지 모든 블록이 주변을 봄), AdamW 최고 학습률 1e-3 · 원 사이클(one-cycle) 스케줄, 배치 {batch}, {epochs} 에폭. **노트북과 다른 점: 최적화 방법.** 배치 정규화가 없는 이 네트워크에서 노트북의 SGD 0.1은 여기서 그림 30,000장을 본 뒤에도 배우기 시작하지 못했습니다(아래 측정. 계획 때 32 px, 1 에폭: 손실 2.30에서 3.19, 테스트 정확도 0.18). AdamW 1e-3은 첫 스텝부터 배웁니다."),
    "nb.ours.recipe.resnet18_d2l": ("Our recipe: the network unchanged, at 32×32 px (a ninth of the multiply-adds of 96), AdamW peaking at 2e-3 on a one-cycle schedule, batch {batch}, {epochs} epochs. **The change from the notebook: the optimiser and its schedule** (its SGD at 0.05 learns too, thanks to batch norm, but more slowly: measured below on the same pictures).",
                                    "이 서버의 방법: 네트워크는 그대로, 입력은 32×32 px(96일 때 곱셈-누산의 9분의 1), AdamW 최고 학습률 2e-3 · 원 사이클(one-cycle) 스케줄, 배치 {batch}, {epochs} 에폭. **노트북과 다른 점: 최적화 방법과 학습률 일정**(노트북의 SGD 0.05도 배치 정규화 덕분에 배우지만 더 느림: 아래에서 같은 그림으로 측정)."),
    "nb.ours.recipe.densenet_notebook": ("Our recipe: the network unchanged except its first convolution takes 1 channel (Fashion-MNIST is grey), pictures enlarged from 28 to 32 px (the network takes 32 only), AdamW peaking at 2e-3 on a one-cycle schedule, batch {batch}, {epochs} epochs. **The change from the notebook: the optimiser and the batch.** Measured below on the same 10,000 pictures, the notebook's own SGD at batch 10 learns as fast as ours at first, but over the whole run it ends lower (below: its recipe for the same epochs): ours decays its rate to zero at the end, which a constant rate does not.",
                                         "이 서버의 방법: 첫 합성곱이 1채널을 받는 것(Fashion-MNIST는 흑백) 말고는 네트워크 그대로, 그림은 28에서 32 px로 키움(이 네트워크는 32만 받음), AdamW 최고 학습률 2e-3 · 원 사이클(one-cycle) 스케줄, 배치 {batch}, {epochs} 에폭. **노트북과 다른 점: 최적화 방법과 배치.** 아래에서 같은 그림 10,000장으로 재 보면 노트북의 SGD(배치 10)도 처음에는 이 서버의 방법만큼 빨리 배우지만, 끝까지 학습하면 더 낮은 곳에서 멈춥니다(아래: 같은 에폭 동안 노트북의 방법). 이 서버의 방법은 끝에서 학습률을 0까지 줄이고, 고정 학습률은 그러지 않습니다."),
    "nb.ours.normalised": ("As every network trained here, its pictures are normalised with the training set's mean and deviation (0.286, 0.353); the notebooks feed 0–1 (d2l) or −1…1 (DenseNet).",
                           "이 서버에서 학습한 모든 네트워크처럼 그림은 학습 데이터의 평균·표준편차(0.286, 0.353)로 정규화합니다. 노트북은 0–1(d2l) 또는 −1…1(DenseNet)을 넣습니다."),
    "nb.ours.alexnet": ("The app's AlexNet trained here takes 1 channel at 63 px (AdamW, one-cycle, 2 epochs): test accuracy **{acc}**. The notebook's network takes 3 channels; the experiment below uses that one.",
                        "이 서버에서 학습한 앱의 AlexNet은 63 px 1채널 입력(AdamW, 원 사이클(one-cycle), 2 에폭)이며 테스트 정확도 **{acc}**입니다. 노트북의 네트워크는 3채널을 받으므로, 아래 실험은 그 네트워크를 씁니다."),
    "nb.ours.alexnet_missing": ("The app's AlexNet (1 channel, 63 px) is not trained on this server yet: the teacher trains it on the Training page, or on the server with `make weights`. The experiment below was measured here.",
                                "이 앱의 AlexNet(1채널, 63 px)은 이 서버에서 아직 학습하지 않았습니다. 선생님이 학습 페이지에서 학습하거나, 선생님이 서버에서 `make weights`를 실행하면 결과가 나옵니다. 아래 실험은 이 서버에서 측정했습니다."),
    "nb.rc.h": ("The notebook's optimiser against ours, measured here", "노트북의 최적화 방법과 이 서버의 방법, 여기서 측정"),
    "nb.rc.setup": ("Both runs start from the same initial weights and see the same {pictures} pictures at {size}×{size} px, normalised as ours: the notebook's optimiser, learning rate and batch at its constant rate, then our recipe with its schedule fitted to the same pictures. Test loss and accuracy on the first {n} test pictures. Measured {date}; the teacher can measure it again on the server with `python -m bench notebook_recipes`.",
                    "두 실행 모두 같은 초기 가중치에서 시작해 같은 그림 {pictures}장을 {size}×{size} px로 봅니다(정규화는 이 서버 방식). 먼저 노트북의 최적화 방법·학습률·배치를 고정 학습률로, 다음은 이 서버의 방법을 같은 그림 수에 맞춘 일정으로. 테스트 그림 앞쪽 {n}장에서 손실과 정확도를 잽니다. 측정 {date}(선생님이 서버에서 `python -m bench notebook_recipes`로 다시 잴 수 있음)."),
    "nb.rc.stuck": ("**With the notebook's own optimiser it has not started to learn:** after {pictures} pictures the test loss is {loss:.3f} (ln 10 = 2.303: a uniform guess), the accuracy {acc:.1%}, and {share:.0%} of the test pictures get the same answer.",
                    "**노트북의 최적화 방법으로는 아직 배우기 시작하지 못했습니다:** 그림 {pictures}장을 본 뒤 테스트 손실 {loss:.3f}(ln 10 = 2.303, 똑같이 찍기), 정확도 {acc:.1%}. 같은 답을 받은 테스트 그림은 {share:.0%}입니다."),
    "nb.rc.learns": ("**With the notebook's own optimiser it learns:** after {pictures} pictures the test accuracy is {acc:.1%} (test loss {loss:.3f}).",
                     "**노트북의 최적화 방법으로도 배웁니다:** 그림 {pictures}장을 본 뒤 테스트 정확도 {acc:.1%}(테스트 손실 {loss:.3f})."),
    "nb.rc.ours": ("With our recipe, on the same pictures: test accuracy {acc:.1%} (test loss {loss:.3f}), {gap:+.1f} percentage points against the notebook's optimiser.",
                   "이 서버의 방법으로 같은 그림을 보면: 테스트 정확도 {acc:.1%}(테스트 손실 {loss:.3f}), 노트북의 방법보다 {gap:+.1f}%p."),
    "nb.rc.full": ("With the notebook's own recipe for the whole {epochs} epochs that ours trains: test accuracy **{acc}** on all 10,000 test pictures (the target here: {target}).",
                   "노트북의 방법으로 이 서버의 방법과 같은 {epochs} 에폭 동안 학습하면: 테스트 그림 10,000장 전체에서 정확도 **{acc}**(이 서버의 목표: {target})."),
    "nb.rc.missing": ("The comparison's file is missing or damaged: when the teacher runs `python -m bench notebook_recipes` on the server (about a quarter of an hour on this CPU), it is measured again.",
                      "비교 결과 파일이 없거나 손상되었습니다. 선생님이 서버에서 `python -m bench notebook_recipes`를 실행하면 다시 측정합니다(이 CPU에서 15분 정도)."),
    "nb.rc.arm.notebook": ("the notebook's optimiser", "노트북의 최적화 방법"),
    "nb.rc.arm.ours": ("our recipe", "이 서버의 방법"),
    "nb.rc.chart.title": ("Same pictures, two recipes", "같은 그림, 두 가지 학습 방법"),
    "nb.rc.chart.loss": ("Test loss", "테스트 손실"),
    "nb.rc.chart.pictures": ("Training pictures seen", "학습에 쓴 그림 수"),
    "nb.diff.h": ("How this network differs from the paper and from torchvision", "논문, torchvision과 다른 점"),
    "nb.diff.alexnet": ("- torchvision's AlexNet follows Krizhevsky's later \"one weird trick\" paper: 64-192-384-256-256 filters, not the paper's 96-256-384-384-256; conv1 pads by 2; no LRN, no two-GPU split; an adaptive 6×6 pool; dropout before the first two linear layers.\n- The notebook changes only the classes: 10 instead of 1000.\n- Not d2l's AlexNet (1 channel, 96 filters, 6,400 features).",
                        "- torchvision의 AlexNet은 Krizhevsky의 후속 논문 \"one weird trick\"을 따릅니다. 필터 수가 논문의 96-256-384-384-256이 아니라 64-192-384-256-256이고, conv1 패딩이 2이며, LRN과 GPU 두 개 분할이 없고, 6×6 적응형 풀링이 있고, 처음 두 선형 층 앞에 드롭아웃이 있습니다.\n- 노트북은 클래스 수만 1000에서 10으로 바꿉니다.\n- d2l의 AlexNet(1채널, 필터 96개, 특징 6,400개)과는 다릅니다."),
    "nb.diff.googlenet_d2l": ("- No batch norm, and a bias on every convolution (torchvision: convolution without bias, batch norm, ReLU).\n- The \"5×5\" branch is a real 5×5 convolution, as in the paper (torchvision uses 3×3).\n- Every pool is 3×3, stride 2, padded by 1, rounding down (torchvision: no padding, rounding up, and a 2×2 pool before 5a).\n- No auxiliary classifiers (the lecture describes them, weighted 0.3), no dropout, no LRN.\n- 1×96×96 input and 10 classes (the paper: 3×224×224, 1000).",
                              "- 배치 정규화가 없고 모든 합성곱에 편향이 있습니다(torchvision: 편향 없는 합성곱, 배치 정규화, ReLU).\n- \"5×5\" 가지는 논문처럼 진짜 5×5 합성곱입니다(torchvision은 3×3).\n- 모든 풀링이 3×3, 보폭(stride) 2, 패딩 1, 내림입니다(torchvision: 패딩 없음, 올림, 5a 앞에 2×2 풀링).\n- 보조 분류기(강의에서 가중치 0.3으로 설명), 드롭아웃, LRN이 없습니다.\n- 입력 1×96×96, 클래스 10개(논문: 3×224×224, 1000개)."),
    "nb.diff.resnet18_d2l": ("- Every convolution has a bias (torchvision: none, since batch norm follows).\n- The projection shortcut is a bare strided 1×1 convolution, without batch norm (torchvision: 1×1 convolution and batch norm).\n- Otherwise torchvision's ResNet-18: the stem, [2, 2, 2, 2] basic blocks, global average pooling, one linear layer.\n- 1×96×96 input, 10 classes. The lecture's own Residual_Block (conv, ReLU, conv, no batch norm) is not what runs here.",
                             "- 모든 합성곱에 편향이 있습니다(torchvision: 뒤에 배치 정규화가 있어 편향 없음).\n- 투영(projection) 지름길은 배치 정규화 없는, 보폭(stride)이 있는 1×1 합성곱뿐입니다(torchvision: 1×1 합성곱과 배치 정규화).\n- 나머지는 torchvision의 ResNet-18과 같습니다: 첫 층들, 기본 블록 [2, 2, 2, 2], 전역 평균 풀링, 선형 층 하나.\n- 입력 1×96×96, 클래스 10개. 강의의 Residual_Block(합성곱, ReLU, 합성곱, 배치 정규화 없음)은 여기서 쓰이지 않습니다."),
    "nb.diff.densenet_notebook": ("- No bottleneck: the paper and the lecture put a 1×1 convolution to 4k before each 3×3.\n- Conv then ReLU, with one batch norm per block, instead of BN-ReLU-conv in every layer.\n- A block's output leaves out the block's input, so every block gives 160 channels (the paper: the input plus k per layer).\n- 3 blocks of 5 layers with 3 transitions (densenet121: 4 blocks of 6, 12, 24, 16); transitions are conv-ReLU-BN-pool with fixed widths (the paper: BN-ReLU-conv-pool, halving).\n- A 7×7 stride-1 first convolution without pooling; BN, flatten and two linear layers instead of global pooling and one.",
                                  "- 병목 층이 없습니다. 논문과 강의는 각 3×3 앞에 4k채널로 가는 1×1 합성곱을 둡니다.\n- 층마다 배치 정규화-ReLU-합성곱이 아니라, 합성곱 뒤 ReLU이고 배치 정규화는 블록마다 한 번뿐입니다.\n- 블록의 출력에 블록의 입력이 빠져서, 모든 블록이 160채널을 냅니다(논문: 입력 + 층마다 k).\n- 층 5개짜리 블록 3개와 전환 층 3개입니다(densenet121: 블록 4개, 6, 12, 24, 16층). 전환 층은 고정 폭의 합성곱-ReLU-배치 정규화-풀링입니다(논문: 배치 정규화-ReLU-합성곱-풀링, 절반으로).\n- 첫 합성곱은 풀링 없는 7×7, 보폭(stride) 1이고, 분류기는 전역 풀링과 선형 층 하나 대신 배치 정규화, 펼치기, 선형 층 두 개입니다."),
    "nb.diff.ours": ("Ours differs from the notebook's code only where the app needs to see inside: every ReLU, addition and concatenation is a module of its own (the notebook calls functions), which changes no parameter, shape or number.",
                     "이 앱의 코드가 노트북과 다른 곳은 앱이 안을 들여다봐야 하는 곳뿐입니다. ReLU, 덧셈, 연결을 각각 모듈로 두었고(노트북은 함수로 호출), 파라미터, 모양, 숫자는 하나도 바뀌지 않습니다."),
    "nb.builder": ("Open this network in the builder", "이 네트워크를 빌더에서 열기"),
    "nb.code_cmd": ("As a file that needs only PyTorch:", "PyTorch만 있으면 되는 파일로:"),
    "nb.ax.h": ("Why the notebook's AlexNet never learned, measured here", "노트북의 AlexNet이 끝내 배우지 못한 이유, 여기서 측정"),
    "nb.ax.setup": ("The notebook's network (3 channels, 10 classes), data handling, optimiser and batch, scaled down only as this CPU needs: {size}×{size} px instead of 224, and {steps} steps ({pictures} pictures) instead of 7,500. Every {every} steps, accuracy on {n} test pictures and the share of the most-guessed class. Measured {date}.",
                    "노트북의 네트워크(3채널, 클래스 10개), 데이터 처리, 최적화 방법, 배치를 그대로 쓰고, 이 CPU에 필요한 만큼만 줄였습니다: 224 대신 {size}×{size} px, 7,500 스텝 대신 {steps} 스텝(그림 {pictures}장). {every} 스텝마다 테스트 그림 {n}장으로 정확도와 가장 많이 고른 클래스의 비율을 잽니다. 측정 시각 {date}."),
    "nb.ax.size": ("At {size}×{size} px", "{size}×{size} px에서"),
    "nb.ax.arm.notebook": ("the notebook: Adam, lr 1e-3", "노트북: Adam, 학습률 1e-3"),
    "nb.ax.arm.lr_1e-4": ("one change: Adam, lr 1e-4", "한 가지만 바꿈: Adam, 학습률 1e-4"),
    "nb.ax.failed": ("**The failure reproduces.** With the notebook's recipe the loss ends at {loss:.3f} (ln 10 = 2.303: a uniform guess) and the network gives {share:.0%} of the {n} test pictures the same answer, {cls}: accuracy {acc:.1%}, chance.",
                     "**실패가 재현됩니다.** 노트북의 방법으로는 손실이 {loss:.3f}에서 끝나고(ln 10 = 2.303, 모든 클래스를 똑같이 찍는 값), 테스트 그림 {n}장 중 {share:.0%}에 같은 답을 냅니다: {cls}. 정확도 {acc:.1%}: 찍기 수준입니다."),
    "nb.ax.not_reproduced": ("**The failure does not reproduce here.** With the notebook's recipe the loss ends at {loss:.3f} (ln 10 = 2.303) and the accuracy at {acc:.1%}; the most-guessed class, {cls}, gets {share:.0%} of the guesses.",
                             "**여기서는 실패가 재현되지 않습니다.** 노트북의 방법으로 손실은 {loss:.3f}(ln 10 = 2.303), 정확도는 {acc:.1%}에서 끝나고, 가장 많이 고른 클래스 {cls}의 비율은 {share:.0%}입니다."),
    "nb.ax.fixed": ("**With the learning rate at 1e-4 it learns:** after the same {steps} steps the loss is down to {loss:.3f} and the accuracy is {acc:.1%}, above chance (10%); the most-guessed class gets only {share:.0%} of the guesses.",
                    "**학습률을 1e-4로 낮추면 배웁니다.** 같은 {steps} 스텝 뒤 손실은 {loss:.3f}까지 내려가고 정확도 {acc:.1%}: 찍기 수준(10%)보다 높으며, 가장 많이 고른 클래스의 비율은 {share:.0%}뿐입니다."),
    "nb.ax.not_fixed": ("With the learning rate at 1e-4 the loss ends at {loss:.3f} and the accuracy at {acc:.1%} after {steps} steps: not learned yet either.",
                        "학습률 1e-4로도 {steps} 스텝 뒤 손실 {loss:.3f}, 정확도 {acc:.1%}(으)로 아직 배우지 못했습니다."),
    "nb.ax.dead": ("Inside the network at the end: with the notebook's rate, {nb_cls} of the units of fc6 and fc7 and {nb_feat} of the convolutions' channels output zero for every test picture; with 1e-4, {fix_cls} and {fix_feat}.",
                   "끝났을 때 네트워크 안: 노트북의 학습률에서는 fc6, fc7 유닛의 {nb_cls}, 합성곱 채널의 {nb_feat}이(가) 모든 테스트 그림에 0을 냅니다. 1e-4에서는 {fix_cls}, {fix_feat}입니다."),
    "nb.ax.no_fix": ("Only the notebook's recipe was measured at this size ({dead_cls} of the units of fc6 and fc7 and {dead_feat} of the convolutions' channels dead at the end).",
                     "이 크기에서는 노트북의 방법만 측정했습니다(끝났을 때 fc6, fc7 유닛의 {dead_cls}, 합성곱 채널의 {dead_feat}이(가) 죽은 상태)."),
    "nb.ax.why": ("A likely reason, in line with these numbers: Adam moves every weight by about the learning rate at each step, whatever the size of its gradient. At 1e-3, with batches of only 8 pictures, the first steps push many of AlexNet's ReLUs (there is no batch norm to hold them) to output zero for every picture, and a ReLU that outputs zero gets no gradient, so it does not come back. With too little left to tell pictures apart, the network's best answer is the same class for all, at a loss of ln 10. Ten times smaller steps keep most units alive.",
                  "이 숫자들과 맞는 그럴듯한 이유: Adam은 기울기의 크기와 상관없이 매 스텝 모든 가중치를 학습률 정도씩 움직입니다. 그림 8장뿐인 배치에 학습률 1e-3이면, 처음 몇 스텝이 AlexNet의 ReLU 상당수를(잡아 줄 배치 정규화가 없음) 어떤 그림에도 0을 내는 상태로 밀어 버립니다. 0을 내는 ReLU는 기울기를 받지 못해 다시 살아나지 않습니다. 그림을 구별할 정보가 너무 적게 남으면, 모든 그림에 같은 클래스를 답하는 것이 최선이 되고 손실은 ln 10이 됩니다. 10배 작은 스텝은 대부분의 유닛을 살려 둡니다."),
    "nb.ax.missing": ("The experiment's file is missing: when the teacher runs `python -m bench alexnet_notebook` on the server (about a quarter of an hour on this CPU), it is measured again.",
                      "실험 파일이 없습니다. 선생님이 서버에서 `python -m bench alexnet_notebook`을 실행하면 다시 측정합니다(이 CPU에서 약 15분)."),
    "nb.ax.chart.title": ("AlexNet, the notebook's recipe and one change", "AlexNet: 노트북의 방법과 한 가지를 바꾼 방법"),
    "nb.ax.chart.title_one": ("AlexNet, the notebook's recipe", "AlexNet: 노트북의 방법"),
    "nb.ax.chart.loss": ("Training loss", "학습 손실"),
    "nb.ax.chart.acc": ("Test accuracy (%)", "테스트 정확도 (%)"),
    "nb.ax.chart.steps": ("Steps (8 pictures each)", "스텝 (한 번에 그림 8장)"),
    # --- words (issue 30) -------------------------------------------------------------
    # The notebooks' code: its comments are the app's (visualizer/resources/notebooks/*.code.txt
    # says where, with ``#: <key>``); the code, its names and printed words stay as written.
    "nbc.alexnet.head": ("pytorch/xla, contrib/colab/single-core-alexnet-fashion-mnist.ipynb (PyTorch + torch_xla,\n"
                         "one Cloud TPU core): the cells that make the network, the data and the training step,\n"
                         "condensed: the same calls and values as the notebook. The comments are the app's.",
                         "pytorch/xla의 contrib/colab/single-core-alexnet-fashion-mnist.ipynb\n"
                         "(PyTorch + torch_xla, 클라우드 TPU 코어 1개): 네트워크, 데이터, 학습 단계를 만드는 셀을\n"
                         "간추려 옮김: 노트북과 같은 호출, 같은 값. 주석은 이 앱의 설명입니다."),
    "nbc.alexnet.data": ("Fashion-MNIST, resized to 224 x 224 and copied into 3 channels (RGB)",
                         "Fashion-MNIST를 224 × 224로 키우고 3채널(RGB)로 복사"),
    "nbc.alexnet.lr": ("lr 1e-3, Adam's default", "학습률 1e-3, Adam의 기본값"),
    "nbc.alexnet.epoch": ("1 epoch", "1 에폭"),
    "nbc.googlenet_d2l.head": ("d2l 0.16.6, section 7.4, PyTorch edition (d2l-ai/d2l-pytorch-colab 1ff02c2b).\n"
                               "The lecture ran the MXNet edition: the same layers, in Gluon.\n"
                               "The code as the notebook writes it; the comments are the app's.",
                               "d2l 0.16.6의 7.4절, PyTorch 판 (d2l-ai/d2l-pytorch-colab 1ff02c2b).\n"
                               "강의는 MXNet 판을 실행했습니다. 층은 같고, Gluon으로 씁니다.\n"
                               "코드는 노트북 원문 그대로, 주석은 이 앱의 설명입니다."),
    "nbc.resnet18_d2l.head": ("d2l 0.16.6, section 7.6, PyTorch edition (d2l-ai/d2l-pytorch-colab 1ff02c2b).\n"
                              "The lecture ran the MXNet edition: the same layers, in Gluon (there the stem's four layers\n"
                              "are added to the network directly, and Dense flattens by itself).\n"
                              "The code as the notebook writes it; the comments are the app's.",
                              "d2l 0.16.6의 7.6절, PyTorch 판 (d2l-ai/d2l-pytorch-colab 1ff02c2b).\n"
                              "강의는 MXNet 판을 실행했습니다. 층은 같고, Gluon으로 씁니다(거기서는 첫 층 네 개를\n"
                              "네트워크에 바로 넣고, Dense 층이 스스로 펼칩니다).\n"
                              "코드는 노트북 원문 그대로, 주석은 이 앱의 설명입니다."),
    "nbc.densenet_notebook.head": ("Con-Mi, \"Simple Implementation of Densely Connected Neural Networks\" (PyTorch; the\n"
                                   "network's cells, as the lecture's copy runs them with torch 1.9).\n"
                                   "The code as the notebook writes it; the comments are the app's.",
                                   "Con-Mi의 \"Simple Implementation of Densely Connected Neural Networks\"(PyTorch):\n"
                                   "강의 사본이 torch 1.9로 실행하는 네트워크 셀.\n"
                                   "코드는 노트북 원문 그대로, 주석은 이 앱의 설명입니다."),
    "nbc.verbatim": ("printed words as the notebook writes them", "출력 문구는 노트북 원문 그대로"),
    # What a lesson diagram's circles mean (diagram.legend), in the glossary's words: 연결, 덧셈. The
    # symbol in bold: a caption is Markdown, and a line that starts with "+ " is a list.
    "dg.legend.cat": ("**C** = concatenation: the maps joined along the channels",
                      "**C** = 연결(concatenate): 채널 방향으로 맵을 이어 붙이기"),
    "dg.legend.add": ("**+** = addition: the two paths' maps added value by value (ResNet's F(x) + x)",
                      "**+** = 덧셈: 두 길의 맵을 값마다 더하기 (ResNet의 F(x) + x)"),
    # --- end of words (issue 30) ------------------------------------------------------
    "field.style": ("Style", "방식"),
    "choice.bc": ("the paper's (DenseNet-BC)", "논문의 방식 (DenseNet-BC)"),
    "choice.notebook": ("the DenseNet notebook's", "DenseNet 실습 노트북의 방식"),
    "choice.d2l": ("d2l's Residual (biases; 1×1 shortcut without BN)", "d2l의 Residual (편향 있음, 배치 정규화 없는 1×1 지름길)"),
    "design.err.d2l_zeros": ("d2l's residual block makes its own 1×1 shortcut: choose the projection shortcut, or another block.",
                             "d2l의 잔차 블록은 1×1 지름길을 직접 만듭니다. 투영(projection) 지름길이나 다른 블록을 고르세요."),
    # --- convolution playground ---------------------------------------------------------
    "nav.playground": ("Convolution playground", "합성곱 놀이터"),
    "play.title": ("Convolution playground", "합성곱 놀이터"),
    "play.intro": ("One convolution layer, slowly: how the filter slides, how big the result is, and what it does to a picture.",
                   "합성곱 층 하나를 천천히: 필터가 어떻게 움직이고, 결과가 얼마나 크며, 그림에 무슨 일을 하는지."),
    "play.tab.grid": ("① The sliding window", "① 움직이는 창"),
    "play.tab.image": ("② Your picture", "② 내 그림"),
    "play.n": ("Input size", "입력 크기"),
    "play.k": ("Kernel size", "커널 크기"),
    "play.s": ("Stride", "보폭(stride)"),
    "play.p": ("Padding", "패딩"),
    "play.d": ("Dilation", "팽창(dilation)"),
    "play.window": ("Window (output cell)", "창 위치 (출력 칸)"),
    "play.input": ("input", "입력"),
    "play.output": ("output", "출력"),
    "play.legend": ("Yellow: padding (zeros). Red cells: input pixels no window reaches, because the division is rounded down. Dots: the pixels the kernel multiplies.",
                    "노란 칸: 패딩(0). 붉은 칸: 나눗셈을 내림해서 어떤 창도 닿지 않는 입력 픽셀. 점: 커널이 곱하는 픽셀."),
    "play.torch": ("torch.nn.functional.conv2d on a {n}×{n} input gives {out}×{out}.", "torch.nn.functional.conv2d에 {n}×{n}을(를) 넣으면 {out}×{out}이(가) 나옵니다."),
    "play.empty": ("The padded input ({padded} pixels) is smaller than the kernel's span ({span} pixels): no window fits, the output would be empty.",
                   "패딩을 더한 입력({padded}픽셀)이 커널이 덮는 폭({span}픽셀)보다 작아서 창이 하나도 들어가지 않습니다. 출력이 비게 됩니다."),
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
    "img.pixels": ("The picture is {w}×{h} pixels: too big to open here (at most {limit:,} pixels). "
                   "Shrink it to {fit_w}×{fit_h} pixels or smaller and upload it again.",
                   "그림이 {w}×{h}픽셀이라 여기서 열기에는 너무 큽니다 (최대 {limit:,}픽셀). "
                   "{fit_w}×{fit_h}픽셀 이하로 줄여서 다시 올려 주세요."),
    "img.not_image": ("This file is not a picture we can read. Choose a PNG or JPEG picture.",
                      "읽을 수 있는 그림 파일이 아닙니다. PNG나 JPEG 그림을 고르세요."),
    "img.truncated": ("The picture file is damaged or cut off. Save it again, or choose another.",
                      "그림 파일이 손상되었거나 잘렸습니다. 다시 저장하거나 다른 파일을 고르세요."),
    # --- readable screens (issue 30) ---------------------------------------------------------
    "play.contrast": ("Shown brighter than the numbers: zero is grey, the strongest 1% white or black.",
                      "보기 쉽게 밝기를 키웠습니다: 0은 회색, 가장 강한 1%는 흰색이나 검은색입니다."),
    "play.outline": ("The outlines' strength, drawn like pencil lines and stronger than the numbers: zero is white "
                     "paper, the strongest 1% black (whether a side is lighter or darker is left out).",
                     "윤곽선의 세기를 연필 선처럼, 숫자보다 진하게 그렸습니다: 0은 흰 종이, 가장 강한 1%는 "
                     "검은색입니다(어느 쪽이 밝은지는 빼고 그렸습니다)."),
    # Human names beside code names (visualizer/names.py): layer1.0 is 1단계 첫 블록.
    "name.stage": ("stage {n}", "{n}단계"),
    "name.first_block": ("block 1", "첫 블록"),
    "name.block": ("block {n}", "{n}번째 블록"),
    "name.nth": ("layer {n}", "{n}번째 층"),
    "name.first": ("layer 1", "첫 층"),
    "name.denseblock": ("dense block {n}", "밀집 블록 {n}"),
    "name.denselayer": ("layer {n}", "층 {n}"),
    "name.transition": ("transition layer {n}", "전환 층 {n}"),
    "name.inception": ("Inception {n}", "인셉션 {n}"),
    "name.branch": ("branch {n}", "가지 {n}"),
    "name.aux": ("auxiliary classifier {n}", "보조 분류기 {n}"),
    "name.downsample": ("projection shortcut", "투영 지름길"),
    "name.residual_block": ("F(x) path", "F(x) 경로"),
    "name.head": ("head (classifier)", "머리(분류기)"),
    "name.features": ("feature extractor", "특징 추출부"),
    "name.classifier": ("classifier", "분류기"),
    "name.conv": ("convolution {n}", "합성곱 {n}"),
    "name.bn": ("batch norm {n}", "배치 정규화 {n}"),
    "name.relu": ("ReLU {n}", "ReLU {n}"),
    "name.pool": ("pooling {n}", "풀링 {n}"),
    "name.add": ("addition F(x) + x", "덧셈 F(x) + x"),
    "name.concat": ("concatenation", "연결(concatenate)"),
    "name.fc": ("fully connected {n}", "완전 연결 층 {n}"),
    "name.dropout": ("dropout {n}", "드롭아웃 {n}"),
    "name.flatten": ("flatten", "펼치기"),
    "name.join": (", ", "의 "),
    # Layer and block types in Korean; in English as the code writes them (names.type_name).
    "type.Conv2d": ("Conv2d", "합성곱"),
    "type.MaxPool2d": ("MaxPool2d", "최대 풀링"),
    "type.AvgPool2d": ("AvgPool2d", "평균 풀링"),
    "type.AdaptiveAvgPool2d": ("AdaptiveAvgPool2d", "적응형 평균 풀링"),
    "type.Linear": ("Linear", "완전 연결 층"),
    "type.Flatten": ("Flatten", "펼치기"),
    "type.BatchNorm2d": ("BatchNorm2d", "배치 정규화"),
    "type.Dropout": ("Dropout", "드롭아웃"),
    "type.LocalResponseNorm": ("LocalResponseNorm", "국소 응답 정규화"),
    "type.Identity": ("Identity", "항등"),
    "type.Add": ("Add", "덧셈 F(x) + x"),
    "type.Concat": ("Concat", "채널 연결"),
    "type.ShortcutA": ("ShortcutA", "지름길 옵션 A"),
    "type.BasicBlock": ("BasicBlock", "기본 블록"),
    "type.Bottleneck": ("Bottleneck", "병목 블록"),
    "type.PlainBlock": ("PlainBlock", "지름길 없는 블록"),
    "type.ResidualBlock": ("ResidualBlock", "잔차 블록"),
    "type.DenseLayer": ("DenseLayer", "밀집 층"),
    "type.DenseBlock": ("DenseBlock", "밀집 블록"),
    "type.Transition": ("Transition", "전환 층"),
    "type.Inception": ("Inception", "인셉션 모듈"),
    "type.InceptionAux": ("InceptionAux", "보조 분류기"),
    "type.BasicConv2d": ("BasicConv2d", "합성곱 + 배치 정규화 + ReLU"),
    "type.Sequential": ("Sequential", "층 묶음"),
    # the lecture notebooks' own blocks (models/notebooks.py), named as the lecture's
    "type.D2LInception": ("Inception (d2l)", "인셉션 모듈 (d2l)"),
    "type.D2LResidual": ("Residual (d2l)", "잔차 블록 (d2l)"),
    "type.DenseBlockNotebook": ("DenseBlock (notebook)", "밀집 블록 (노트북)"),
    "type.TransitionNotebook": ("Transition (notebook)", "전환 층 (노트북)"),
    "col.name": ("Where it sits", "위치"),
    "glossary.button": ("Glossary", "용어집"),
    # What a first computation is doing while the page waits (bench/first_compute.py).
    "wait.compare": ("Tracing every network at {size}×{size} (the first time takes about 10 seconds)…",
                     "모든 네트워크를 {size}×{size}(으)로 추적하는 중입니다 (처음 한 번은 10초쯤 걸립니다)…"),
    "wait.gradients": ("Measuring the gradients of a {depth}-layer network, with and without shortcuts "
                       "(the first time takes up to 20 seconds)…",
                       "{depth}층 네트워크의 기울기를 지름길이 있을 때와 없을 때 재는 중입니다 "
                       "(처음 한 번은 20초까지 걸립니다)…"),
    "wait.aux": ("Measuring GoogLeNet's gradients with and without its auxiliary classifiers (the first "
                 "time takes about 15 seconds)…",
                 "보조 분류기가 있을 때와 없을 때 GoogLeNet의 기울기를 재는 중입니다 (처음 한 번은 15초쯤 "
                 "걸립니다)…"),
    "wait.trace": ("Tracing {arch} at {size}×{size}…", "{arch}을(를) {size}×{size}(으)로 추적하는 중입니다…"),
    "wait.reuse": ("Reading how each layer reuses earlier maps…", "각 층이 앞선 맵을 얼마나 다시 쓰는지 읽는 중입니다…"),
    # Streamlit's own words, replaced on every page (app_pages/common.py, page_style).
    "st.upload": ("Choose a file", "파일 고르기"),
    "st.not_found.title": ("Page not found", "페이지를 찾을 수 없습니다"),
    "st.not_found.body": ("There is no page at this address. The first page (the explorer) opens instead.",
                          "이 주소에는 페이지가 없습니다. 첫 페이지(구조 탐색기)를 엽니다."),
    "st.crash": ("Something went wrong and this part cannot be shown. Reload the page or choose other "
                 "settings; the details are in the server's log.",
                 "문제가 생겨 이 부분을 보여 줄 수 없습니다. 페이지를 새로 고치거나 다른 설정을 골라 "
                 "보세요. 자세한 내용은 서버 기록에 남았습니다."),
    "st.no_results": ("No results", "맞는 항목이 없습니다"),
    # Plotly's own words: the buttons over a chart (its toolbar), as Plotly writes them (their
    # English is the key Plotly looks them up by: app_pages/live_chart.py)
    "plotly.Download plot as a PNG": ("Download plot as a PNG", "그림으로 내려받기 (PNG)"),
    "plotly.Zoom": ("Zoom", "영역 확대"),
    "plotly.Pan": ("Pan", "옮겨 보기"),
    "plotly.Zoom in": ("Zoom in", "확대"),
    "plotly.Zoom out": ("Zoom out", "축소"),
    "plotly.Autoscale": ("Autoscale", "전체 보기"),
    "plotly.Reset axes": ("Reset axes", "처음 모습으로"),
    "plotly.Double-click to zoom back out": ("Double-click to zoom back out", "두 번 누르면 처음 크기로 돌아갑니다"),
    "plotly.Taking snapshot - this may take a few seconds": (
        "Taking snapshot - this may take a few seconds", "그림을 만드는 중입니다. 몇 초 걸릴 수 있습니다"),
    "glossary.title": ("Glossary: every term the app uses", "용어집: 앱에서 쓰는 모든 용어"),
    "glossary.intro": ("The lecture's own terms first, then the app's.",
                       "강의에서 쓴 용어가 먼저, 그다음은 앱이 더한 용어입니다."),
    "glossary.col.term": ("Term", "용어"),
    "glossary.col.other": ("Korean", "영어"),
    "glossary.col.means": ("Meaning", "뜻"),
    # --- end of readable screens (issue 30) ---------------------------------------------------
    # --- feature maps -----------------------------------------------------------------------
    "nav.features": ("Feature maps of your picture", "내 그림의 특징 맵"),
    "feat.title": ("What the network makes of your picture", "네트워크가 내 그림을 어떻게 보는지"),
    "feat.intro": ("A real forward pass on this computer: your picture goes through the network and every chosen layer's feature maps are shown. Bright means a strong response.",
                   "이 컴퓨터에서 실제로 순전파를 합니다. 그림이 네트워크를 지나가고, 고른 층의 특징 맵을 보여 줍니다. 밝을수록 강하게 반응한 곳입니다."),
    "feat.untrained": ("These are the maps of an untrained network: its filters are random numbers, so the maps show little more than blurred copies and edges, and its guesses mean nothing. A network that has learned appears here once the teacher trains one on the training page (about {minutes} minutes for ResNet-18) or on the server with `make weights` (all four lecture networks).",
                       "학습되지 않은 네트워크의 맵입니다. 필터가 무작위 수라서 흐릿한 복사본과 윤곽선 정도만 보이고, 추측도 의미가 없습니다. 선생님이 실시간 학습 페이지에서 학습하거나(ResNet-18은 약 {minutes}분), 선생님이 서버에서 `make weights`를 실행하면(강의의 네 네트워크 모두) 학습된 네트워크가 여기에 나옵니다."),
    "feat.trained": ("Trained weights loaded from {name}.", "{name}에서 학습된 가중치를 불러왔습니다."),
    "feat.fashion": ("Trained here on Fashion-MNIST ({date}): {acc:.1%} of {n:,} test pictures right after {epochs} epochs at {size}×{size} px. It knows ten kinds of clothing, nothing else: whatever you show it, it answers with one of them.",
                     "이 컴퓨터에서 Fashion-MNIST로 학습함({date}): {size}×{size} 픽셀로 {epochs} 에폭 학습 후 시험 그림 {n:,}장 중 {acc:.1%}을(를) 맞힘. 옷 열 가지만 압니다. 무엇을 보여 주든 그중 하나로 대답합니다."),
    "feat.fallback": ("{wanted} weights are not on this computer for this network; showing {used} instead.",
                      "이 네트워크의 {wanted} 가중치가 이 컴퓨터에 없어서 {used}(으)로 보여 줍니다."),
    "feat.source": ("Weights", "가중치"),
    "feat.src.auto": ("Best available", "있는 것 중 가장 좋은 것"),
    "feat.src.fashion": ("Fashion-MNIST (trained here)", "Fashion-MNIST (여기서 학습)"),
    "feat.src.imagenet": ("ImageNet (torchvision file)", "ImageNet (torchvision 파일)"),
    "feat.src.random": ("Untrained (random)", "학습 안 됨 (무작위)"),
    "feat.sample.fashion": ("Fashion-MNIST test picture: {name}", "Fashion-MNIST 시험 그림: {name}"),
    "feat.prep.fashion": ("Gray and shrunk to 28×28 like the training pictures, then enlarged to {size}×{size} and normalised (mean {mean}, standard deviation {std}), exactly as in training. Fashion-MNIST pictures are light objects on a black background: a drawing on white paper is inverted first.",
                          "학습 그림처럼 흑백 28×28로 줄인 다음, 학습 때와 똑같이 {size}×{size}(으)로 키우고 정규화(평균 {mean}, 표준편차 {std})합니다. Fashion-MNIST 그림은 검은 바탕에 밝은 물건이라서, 흰 종이에 그린 그림은 먼저 색을 뒤집습니다."),
    "feat.invert": ("Invert colours", "색 뒤집기"),
    "feat.invert.auto": ("Auto", "자동"),
    "feat.invert.yes": ("Invert", "뒤집기"),
    "feat.invert.no": ("As is", "그대로"),
    "feat.invert.help": ("Auto inverts a picture whose edges are light (a drawing on paper, a product photo on white).",
                         "자동은 가장자리가 밝은 그림(종이에 그린 그림, 흰 바탕 상품 사진)을 뒤집습니다."),
    "feat.guess.fashion": ("Its {k} best guesses (softmax)", "가장 그럴듯한 {k}가지 (소프트맥스)"),
    "feat.guess.imagenet": ("Its {k} best guesses of ImageNet's 1,000 classes (softmax)", "ImageNet 1,000개 클래스 중 가장 그럴듯한 {k}가지 (소프트맥스)"),
    "feat.guess.random": ("Its {k} 'guesses' (untrained: meaningless)", "{k}가지 '추측' (학습 안 됨: 의미 없음)"),
    "feat.guess.imagenet_names": ("ImageNet's class names are torchvision's (torchvision/models/_meta.py), in English: we found no published Korean list of the 1,000 classes to cite, so none is made up here.",
                                  "ImageNet 클래스 이름은 torchvision(torchvision/models/_meta.py)의 영어 이름입니다. 1,000개 클래스의 한국어 이름을 공개한 믿을 만한 목록을 찾지 못해, 여기서 지어내지 않았습니다."),
    "feat.class_n": ("class {n}", "클래스 {n}"),
    "feat.arch": ("Network", "네트워크"),
    "feat.layer": ("Layer", "층"),
    "feat.count": ("How many maps", "보여 줄 맵 개수"),
    "feat.big": ("Channel to see large", "크게 볼 채널"),
    "feat.big.caption": ("Channel {c} of {layer}: a {h}×{w} map", "{layer}의 {c}번 채널: {h}×{w} 맵"),
    "feat.thumb": ("ch {c}", "채널 {c}"),
    "feat.prep": ("What the network receives", "네트워크가 받는 입력"),
    "feat.prep.rgb": ("Resized to {size}×{size}, then each colour channel is normalised with ImageNet's mean {mean} and standard deviation {std}, as torchvision's models expect.",
                      "{size}×{size}(으)로 크기를 바꾼 뒤, torchvision 모델이 기대하는 대로 각 색 채널을 ImageNet 평균 {mean}, 표준편차 {std}(으)로 정규화합니다."),
    "feat.prep.gray": ("Resized to {size}×{size} and turned grayscale with values from 0 to 1, as in the lecture's Fashion-MNIST notebooks.",
                       "강의의 Fashion-MNIST 노트북처럼 {size}×{size}(으)로 크기를 바꾸고 0부터 1 사이 값의 흑백으로 바꿉니다."),
    "feat.filters": ("The first layer's filters ({n} of them, {k}×{k}×{c})", "첫 층의 필터 ({n}개, {k}×{k}×{c})"),
    "feat.filters.first": ("The first {shown} of them.", "그중 처음 {shown}개입니다."),
    "feat.shape": ("Output of {layer}: {shape}", "{layer}의 출력: {shape}"),
    "feat.weights": ("Trained weights (optional)", "학습된 가중치 (선택)"),
    "feat.weights.help": ("Path of a torchvision checkpoint file on this computer, for example /home/teacher/alexnet-owt-7be5be79.pth. Files under torchvision's names in torch's hub cache (~/.cache/torch/hub/checkpoints, or $TORCH_HOME/hub/checkpoints) are found without typing. Nothing is downloaded unless you press the fetch button. The environment variable CNNVIS_WEIGHTS can set it when the app starts.",
                          "이 컴퓨터에 있는 torchvision 체크포인트 파일의 경로입니다. 예: /home/teacher/alexnet-owt-7be5be79.pth. torch의 허브 캐시(~/.cache/torch/hub/checkpoints 또는 $TORCH_HOME/hub/checkpoints)에 torchvision 이름으로 있는 파일은 입력하지 않아도 찾습니다. 받기 버튼을 누르지 않으면 아무것도 내려받지 않습니다. 앱을 시작할 때 환경 변수 CNNVIS_WEIGHTS로 정할 수도 있습니다."),
    "ckpt.suffix": ("\"{name}\" is not a checkpoint file: use a .pth or .pt file.", "\"{name}\"은(는) 체크포인트 파일이 아닙니다. .pth 또는 .pt 파일을 쓰세요."),
    "ckpt.unusable": ("There is no usable checkpoint at {path}: the file is missing, cannot be read, or is not a PyTorch checkpoint. Check the path (type it whole: ~ is not expanded).",
                      "{path}에서 쓸 수 있는 체크포인트를 찾지 못했습니다. 파일이 없거나, 읽을 수 없거나, PyTorch 체크포인트가 아닙니다. 경로를 확인하세요(~는 풀어 쓰지 않으니 전체 경로를 적으세요)."),
    "ckpt.too_big": ("The file is {mb} MB; a checkpoint larger than {limit} MB is not read (the largest of these models, AlexNet, is 233 MB). Check that it is the right file.",
                     "파일이 {mb}MB입니다. {limit}MB보다 큰 체크포인트는 읽지 않습니다(이 모델들 가운데 가장 큰 AlexNet이 233MB). 올바른 파일인지 확인하세요."),
    "ckpt.code": ("Refused: this file contains program code, not just weights, and is not loaded (weights_only=True).",
                  "거부됨: 이 파일에는 가중치뿐 아니라 프로그램 코드가 들어 있어 불러오지 않습니다(weights_only=True)."),
    "ckpt.corrupt": ("The file is damaged or is not a PyTorch checkpoint.", "파일이 손상되었거나 PyTorch 체크포인트가 아닙니다."),
    "ckpt.not_state_dict": ("The file holds something other than a model's weights (a state_dict).",
                            "파일에 모델 가중치(state_dict)가 아닌 다른 것이 들어 있습니다."),
    "ckpt.keys": ("The checkpoint does not fit this network: {n_missing} weights are missing (for example {missing}) and {n_unexpected} are unknown (for example {unexpected}). Is it for another architecture?",
                  "체크포인트가 이 네트워크와 맞지 않습니다. 가중치 {n_missing}개가 없고(예: {missing}) {n_unexpected}개는 모르는 것입니다(예: {unexpected}). 다른 구조의 파일이 아닌가요?"),
    "ckpt.shape": ("The checkpoint's {key} is {theirs} but this network's is {ours}: a different number of classes or channels?",
                   "체크포인트의 {key}은(는) {theirs}인데 이 네트워크는 {ours}입니다. 클래스 수나 채널 수가 다른가요?"),
    "ckpt.changed": ("The checkpoint file was replaced after its description was written (a run may be saving it right now). Reload the page in a moment.",
                     "설명 파일을 쓴 뒤에 체크포인트 파일이 바뀌었습니다(지금 저장 중일 수 있습니다). 잠시 후 페이지를 새로 고치세요."),
    # --- feature maps: ImageNet weights, what a network imagines, reference results (issue 32; issue 27 item 6) ---
    "feat.weights.student": ("The teacher chooses which weights files the app uses.", "어떤 가중치 파일을 쓸지는 선생님이 정합니다."),
    "feat.meta_skipped": ("The description {file} is damaged ({why}); it is skipped, as if this network had not been trained here.",
                          "설명 파일 {file}이(가) 손상되어({why}) 건너뜁니다. 이 네트워크는 여기서 학습되지 않은 것으로 봅니다."),
    "feat.fetch.button": ("Fetch {arch}'s ImageNet weights ({mb} MB, torchvision)", "{arch}의 ImageNet 가중치 받기 ({mb}MB, torchvision)"),
    "feat.fetch.help": ("Downloads {file}, the file torchvision publishes ({source}), from download.pytorch.org into torch's hub cache on this computer; its name's hash is checked. Only the teacher sees this button.",
                        "torchvision이 공개한 파일({source}) {file}을(를) download.pytorch.org에서 이 컴퓨터의 torch 허브 캐시로 받습니다. 파일 이름에 든 해시를 확인합니다. 이 버튼은 선생님에게만 보입니다."),
    "feat.fetch.starting": ("Connecting for {file}…", "{file}을(를) 받으려고 연결하는 중…"),
    "feat.fetch.progress": ("Downloading {file}: {done} of {total} MB", "{file} 받는 중: {total}MB 중 {done}MB"),
    "feat.fetch.done": ("{file} arrived ({seconds} s), its hash checked: the page now uses ImageNet's weights.",
                        "{file}을(를) 받았고({seconds}초) 해시도 확인했습니다. 이제 ImageNet 가중치를 씁니다."),
    "feat.fetch.by_hand": ("**To copy it by hand:** on a computer that is online, download {url} ; then copy the file, keeping its name `{file}`, into the folder `{folder}` on this computer. The page finds it there by itself.",
                           "**손으로 옮기려면:** 인터넷이 되는 컴퓨터에서 {url} 를 받아, 이름 `{file}`를 그대로 두고 이 컴퓨터의 폴더 `{folder}`에 복사하세요. 페이지가 알아서 찾습니다."),
    "fetch.offline": ("This computer cannot reach the download server ({why}): it seems to be offline. Nothing was downloaded.",
                      "이 컴퓨터가 내려받기 서버에 닿지 못합니다({why}). 인터넷에 연결되어 있지 않은 것 같습니다. 아무것도 받지 않았습니다."),
    "fetch.why.refused": ("the connection was refused", "연결 거부"),
    "fetch.why.timeout": ("no answer in time", "응답 시간 초과"),
    "fetch.why.name": ("the server's name was not found", "서버 이름을 찾지 못함"),
    "fetch.why.other": ("no connection", "연결 안 됨"),
    "fetch.http": ("The download server answered with error {status}. Nothing was kept.", "내려받기 서버가 오류 {status}(으)로 답했습니다. 아무것도 남기지 않았습니다."),
    "fetch.hash": ("The file did not arrive whole, or is not the file its name promises (its SHA-256 does not start with the digits in its name). Nothing was kept; try again.",
                   "파일이 끝까지 오지 않았거나, 이름이 약속한 파일이 아닙니다(SHA-256이 이름 속 숫자로 시작하지 않음). 아무것도 남기지 않았으니 다시 해 보세요."),
    "fetch.cut": ("The connection ended before the file was complete. Nothing was kept; try again.", "파일을 다 받기 전에 연결이 끊겼습니다. 아무것도 남기지 않았으니 다시 해 보세요."),
    "fetch.disk": ("Cannot write into {folder} ({why}). Nothing was kept.", "{folder}에 쓸 수 없습니다({why}). 아무것도 남기지 않았습니다."),
    "fetch.load": ("{file} arrived but does not load into this network ({why}); it was removed.", "{file}을(를) 받았지만 이 네트워크에 맞지 않아({why}) 지웠습니다."),
    "fetch.unknown_arch": ("There is no torchvision ImageNet file for {arch} here; choose one of {known}.", "{arch}에 맞는 torchvision ImageNet 파일이 없습니다. 다음 가운데 고르세요: {known}."),
    "feat.strip.imagenet": ("From edges to textures to parts: four layers, first to last, each with its four strongest maps",
                            "선에서 질감으로, 질감에서 부분으로: 처음부터 끝까지 네 층, 층마다 가장 강한 맵 넷"),
    "feat.strip.other": ("Four layers, first to last, each with its four strongest maps", "처음부터 끝까지 네 층, 층마다 가장 강한 맵 넷"),
    "feat.strip.step.imagenet.0": ("**Edges and colours**", "**선과 색**"),
    "feat.strip.step.imagenet.1": ("**Textures**", "**질감**"),
    "feat.strip.step.imagenet.2": ("**Patterns and parts**", "**무늬와 부분**"),
    "feat.strip.step.imagenet.3": ("**Parts of things**", "**사물의 부분**"),
    "feat.strip.note.imagenet": ("Bright is a strong response. The words are what Zeiler and Fergus (2014) and Olah et al. (2017) found such layers respond to in networks trained on ImageNet; a single map of your picture may show any of it.",
                                 "밝을수록 강하게 반응한 곳입니다. 층 이름 옆의 말은 ImageNet으로 학습한 네트워크에서 이런 층이 무엇에 반응하는지 Zeiler와 Fergus(2014), Olah 외(2017)가 찾아낸 것입니다. 내 그림의 맵 하나하나가 꼭 그렇게 보이지는 않을 수 있습니다."),
    "feat.strip.note.other": ("Bright is a strong response. With ImageNet weights (the teacher can fetch them) these layers show edges, then textures, then parts of things.",
                              "밝을수록 강하게 반응한 곳입니다. ImageNet 가중치가 있으면(선생님이 받을 수 있습니다) 이 층들이 선, 질감, 사물의 부분을 차례로 보여 줍니다."),
    "feat.filters.imagenet": ("Each square is one filter of the first layer, its three colour channels shown as a colour picture: what it looks for in a small patch (an edge at some angle, a colour against another).",
                              "네모 하나가 첫 층의 필터 하나이고, 세 색 채널을 그대로 색으로 그렸습니다. 작은 조각에서 무엇을 찾는지(어떤 각도의 선, 한 색과 다른 색의 경계)를 보여 줍니다."),
    "feat.filters.imagenet.alexnet": ("The picture of the AlexNet paper's Figure 3, from torchvision's weights. The paper's network had 96 such filters, 48 on each of its two GPUs (one GPU learned mostly colourless edges, the other colour blobs); torchvision's AlexNet is the one-GPU version of Krizhevsky (2014), with {n}.",
                                      "AlexNet 논문 그림 3과 같은 그림을 torchvision 가중치로 그렸습니다. 논문의 네트워크는 이런 필터가 96개로 GPU 두 대에 48개씩 있었고(한 GPU는 주로 색 없는 선을, 다른 GPU는 색 덩어리를 배움), torchvision의 AlexNet은 Krizhevsky(2014)의 GPU 한 대 판이라 {n}개입니다."),
    "feat.imagine.title": ("What the network imagines", "네트워크가 상상하는 그림"),
    "feat.imagine.how": ("These pictures are the network's, not photographs. Each starts as faint noise; then, {steps} times, every pixel is nudged in the direction that makes the chosen class's score (or a channel's response) grow: gradient ascent on the picture, the network's weights unchanged. So that the result reads as a picture and not as a flicker of pixels, it is shifted by a few random pixels before each step, lightly blurred every few steps, kept within real pixel values, and grown at {scales} sizes up to {side}×{side} px (the method of Olah et al. 2017, \"Feature Visualization\", in a few seconds on this computer instead of thousands of steps).",
                         "이 그림들은 사진이 아니라 네트워크가 그린 그림입니다. 희미한 잡음에서 시작해, 고른 클래스의 점수(또는 채널의 반응)가 커지는 쪽으로 모든 픽셀을 조금씩 {steps}번 움직였습니다. 네트워크의 가중치는 그대로 두고 그림만 바꾸는 경사 상승입니다. 픽셀이 어지럽게 깜박이는 무늬가 아니라 그림으로 보이도록, 한 걸음마다 그림을 몇 픽셀씩 무작위로 옮기고, 몇 걸음마다 살짝 흐리게 하고, 실제 픽셀 값 안에 두고, 크기를 {scales}단계로 키워 {side}×{side}px까지 그렸습니다(Olah 외 2017, \"Feature Visualization\"의 방법을 수천 걸음 대신 이 컴퓨터에서 몇 초 만에)."),
    "feat.imagine.untrained": ("An untrained network imagines nothing: its filters are random numbers, and the picture that excites them most is noise. Train it on the training page, or let the teacher fetch ImageNet weights.",
                               "학습하지 않은 네트워크는 아무것도 상상하지 못합니다. 필터가 무작위 숫자라서, 가장 크게 반응하는 그림도 잡음일 뿐입니다. 학습 페이지에서 학습하거나, 선생님이 ImageNet 가중치를 받으면 볼 수 있습니다."),
    "feat.imagine.class": ("Class to imagine", "상상할 클래스"),
    "feat.imagine.go": ("Imagine it", "상상해 보기"),
    "feat.imagine.progress": ("Growing {n} picture(s) from noise: step {done} of {total}", "잡음에서 그림 {n}장을 키우는 중: {total}걸음 중 {done}걸음"),
    "feat.imagine.class_caption": ("What the network imagines for \"{name}\"", "네트워크가 상상한 \"{name}\""),
    "feat.imagine.gallery": ("What each layer looks for: the channels that answered your picture most strongly above, each with the picture it likes best",
                             "층마다 무엇을 찾는지: 위에서 내 그림에 가장 강하게 반응한 채널들이 가장 좋아하는 그림"),
    "feat.imagine.gallery_go": ("Show the gallery (a few seconds per layer, the first time)", "갤러리 보기 (처음에는 층마다 몇 초)"),
    "feat.imagine.looks_for": ("What **{layer}** looks for", "**{layer}** 층이 찾는 것"),
    "feat.imagine.gallery_how": ("Same method as above, one picture per channel: it maximises that channel's mean response over its map. Early layers like simple edges and colours; deeper ones, textures and parts. Each picture is computed once on this server and kept for everyone.",
                                 "위와 같은 방법으로 채널마다 그림 한 장: 그 채널의 맵 전체 평균 반응을 가장 크게 만드는 그림입니다. 앞쪽 층은 단순한 선과 색을, 깊은 층은 질감과 부분을 좋아합니다. 그림마다 이 서버에서 한 번 계산해 모두가 함께 봅니다."),
    "ref.used": ("**Reference results ({date}, {machine}).** Not trained on this computer yet: {missing}. So these are the numbers the same recipe (`make weights`) gave on that machine, shipped with the app. When the teacher runs `make weights` on the server (all eight of the lessons' networks, about {minutes} minutes on two cores), this computer's own replace them.",
                 "**기준 결과 ({date}, {machine}).** 이 컴퓨터에서 아직 학습하지 않은 네트워크: {missing}. 그래서 같은 방법(`make weights`)으로 그 컴퓨터에서 얻어 앱과 함께 배포한 수치를 보여 줍니다. 선생님이 서버에서 `make weights`를 실행하면(수업의 네트워크 여덟 개 모두, 두 코어로 약 {minutes}분) 이 컴퓨터의 결과로 바뀝니다."),
    "ref.used.data": ("**Reference results ({date}, {machine}).** {problem} So these are the gradients the same code computed on that machine, shipped with the app.",
                      "**기준 결과 ({date}, {machine}).** {problem} 그래서 같은 코드로 그 컴퓨터에서 계산해 앱과 함께 배포한 기울기를 보여 줍니다."),
    # --- texts (issue 30): the reference machine in the page's language ---
    "ref.cores": ("{n} cores", "코어 {n}개"),
    "ref.file": ("These numbers are in {file}, written by `python -m visualizer.reference` from what `make weights` trained (both commands the teacher runs on the server).",
                 "이 수치는 {file}에 있습니다. `make weights`가 학습한 결과에서 `python -m visualizer.reference`가 만든 파일입니다(둘 다 선생님이 서버에서 실행하는 명령)."),
    "feat.meta_why.too_big": ("larger than 1 MB", "1MB보다 큼"),
    "feat.meta_why.damaged": ("not readable JSON", "JSON으로 읽을 수 없음"),
    "feat.meta_why.field": ("\"{field}\" missing or of the wrong kind", "\"{field}\" 값이 없거나 형식이 틀림"),
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
    "data.missing": ("Fashion-MNIST is not installed: {file} is missing. Training works once the teacher installs Debian's package on the server with `sudo apt-get install {package}` (`make run` and `make test` do it).",
                     "Fashion-MNIST가 설치되어 있지 않습니다: {file} 파일이 없습니다. 선생님이 서버에서 `sudo apt-get install {package}`로 데비안 패키지를 설치하면(`make run`과 `make test`가 해 줍니다) 학습할 수 있습니다."),
    "data.corrupt": ("The Fashion-MNIST file {file} is damaged ({why}). The teacher reinstalls it on the server with `sudo apt-get install --reinstall {package}`.",
                     "Fashion-MNIST 파일 {file}이(가) 손상되었습니다({why}). 선생님이 서버에서 `sudo apt-get install --reinstall {package}`로 다시 설치하면 됩니다."),
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
    "train.pair20": ("Figure 1 pair: Plain-20, then ResNet-20", "그림 1 한 쌍: Plain-20, 그다음 ResNet-20"),
    "train.pair.note": ("The two train one after the other with this one recipe (about {minutes} minutes for both); the ResNet lesson's Figure 1 is then drawn from them.",
                        "두 네트워크를 같은 방법으로 차례로 학습합니다(둘 다 약 {minutes}분). 그다음 ResNet 수업의 그림 1이 이 결과로 그려집니다."),
    "train.pair56": ("Figure 1 pair: Plain-56, then ResNet-56", "그림 1 한 쌍: Plain-56, 그다음 ResNet-56"),
    "train.recipe": ("Recipe: pictures enlarged from 28 to **{size}×{size}** px, **{epochs}** epochs, **{batch}** pictures a step, {optimizer} with a one-cycle learning rate (peak {lr}).",
                     "학습 방법: 그림을 28에서 **{size}×{size}** 픽셀로 키움, **{epochs}** 에폭, 한 번에 **{batch}**장, {optimizer}, 원 사이클(one-cycle) 학습률(최대 {lr})."),
    "train.start": ("Start training", "학습 시작"),
    "train.stop": ("Stop", "멈춤"),
    "train.who": ("You are the teacher here: you can start and stop runs.", "선생님 화면입니다. 학습을 시작하고 멈출 수 있습니다."),
    "train.who.student": ("The teacher starts training. When a run starts, you watch it here, live: everyone sees the same run.",
                          "학습은 선생님이 시작합니다. 시작되면 여기에서 실시간으로 볼 수 있습니다. 모두가 같은 학습을 봅니다."),
    "train.teacher_only": ("Only the teacher starts and stops training: one run uses this whole computer, and forty at once would stop everyone's pages. Watch the run below, it is the same for everyone.",
                           "학습의 시작과 멈춤은 선생님만 할 수 있어요. 학습 하나가 이 컴퓨터 전체를 쓰기 때문에, 마흔 명이 한꺼번에 시작하면 모두의 화면이 멈춥니다. 아래에서 모두 같은 학습을 지켜봐 주세요."),
    "train.none": ("No run yet. When the teacher starts one, it appears here by itself.", "아직 학습이 없습니다. 선생님이 시작하면 여기에 저절로 나타납니다."),
    "train.state.starting": ("{arch}: starting…", "{arch}: 시작하는 중…"),
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
    "train.done": ("{arch} got {acc:.1%} of the {n:,} test pictures right after {minutes:.1f} minutes. Its checkpoint is saved: the feature-map page now uses it.",
                   "{arch}이(가) {minutes:.1f}분 학습 후 시험 그림 {n:,}장 중 {acc:.1%}을(를) 맞혔습니다. 체크포인트가 저장되어 특징 맵 페이지에서 바로 쓰입니다."),
    "train.filters": ("The first layer's filters ({n} of them, {k}×{k})", "첫 층의 필터 ({n}개, {k}×{k})"),
    "train.filters.note": ("White is a large positive weight, black a large negative one. Random at the start; during training they become detectors of edges and blobs.",
                           "흰색은 큰 양수 가중치, 검은색은 큰 음수 가중치입니다. 처음에는 무작위이고, 학습하면서 윤곽선과 얼룩을 찾는 검출기가 됩니다."),
    "train.probe.title": ("Twenty test pictures the network has never trained on: {right} of {total} right now",
                          "신경망이 학습에 쓰지 않은 시험 그림 20장: 지금 {total}장 중 {right}장을 맞힘"),
    "train.probe.wait": ("…", "…"),
    "train.probe.wrong": ("✗ {guess} (is: {answer})", "✗ {guess} (정답: {answer})"),
    "train.saved": ("Networks trained on this computer", "이 컴퓨터에서 학습된 네트워크"),
    "train.saved.note": ("Accuracy on all 10,000 test pictures, in eval mode. The same files come from `make weights`, which the teacher can run on the server (the four lecture networks in about 17 minutes on two cores, then Figure 1's four in about 20); each is a plain state_dict with a JSON description beside it in the cache folder.",
                         "시험 그림 10,000장 전부에 대한 정확도(평가 모드)입니다. 선생님이 서버에서 `make weights`를 실행해도(두 코어에서 강의 네트워크 넷은 약 17분, 그다음 그림 1의 넷은 약 20분) 같은 파일이 생깁니다. 캐시 폴더에 state_dict 파일과 그 설명(JSON)이 나란히 저장됩니다."),
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
    "export.small": ("On a 1920 px wide slide this picture's smallest text is {px} px; the back row of "
                     "a lecture room needs {least} px. Choose \"{closed}\", turn \"{landscape}\" off "
                     "(a tall picture), or give the slide only part of the network.",
                     "이 그림을 1920 px 너비 슬라이드에 넣으면 가장 작은 글자가 {px} px입니다. 강의실 뒷줄에서 "
                     "읽으려면 {least} px이 필요합니다. \"{closed}\"을(를) 고르거나, \"{landscape}\"을(를) 끄거나(세로로 "
                     "긴 그림), 네트워크의 일부만 슬라이드에 넣으세요."),
    "export.missing.dot": ("Graphviz's `dot` program is not installed, so diagrams cannot be drawn as SVG, PNG or PDF. The teacher installs it on the server with `sudo apt-get install graphviz` (`make run` does it). DOT, CSV and Markdown still work.",
                           "Graphviz의 `dot` 프로그램이 없어 구조도를 SVG, PNG, PDF로 그릴 수 없습니다. 선생님이 서버에서 `sudo apt-get install graphviz`로 설치하면 됩니다(`make run`이 설치해 줍니다). DOT, CSV, Markdown은 그대로 됩니다."),
    "export.missing.chromium": ("No Chromium browser was found, so charts cannot be saved as pictures. The teacher installs it on the server with `sudo apt-get install chromium` (`make run` does it). Diagrams, CSV and Markdown still work.",
                                "Chromium 브라우저가 없어 차트를 그림으로 저장할 수 없습니다. 선생님이 서버에서 `sudo apt-get install chromium`으로 설치하면 됩니다(`make run`이 설치해 줍니다). 구조도, CSV, Markdown은 그대로 됩니다."),
    # --- exports that read (issue 30) and dot's errors (issue 29) ---------------------------
    "export.dot.failed": ("Graphviz's `dot` could not draw this diagram ({detail}). A lower detail level may draw; the DOT source, CSV and Markdown still work, and the teacher reinstalls Graphviz on the server with `make run`.",
                          "Graphviz의 `dot`이 이 구조도를 그리지 못했습니다 ({detail}). 자세히 보기 단계를 낮추면 그려질 수 있습니다. DOT 원본, CSV, Markdown은 그대로 되고, 선생님이 서버에서 `make run`을 실행하면 Graphviz가 다시 설치됩니다."),
    "export.zip": ("one PNG a slide (ZIP)", "슬라이드별 PNG (ZIP)"),
    "export.turned": ("Left to right, this diagram's smallest text would be {before} px on a 1920 px slide (the back row reads {least} px), so it is drawn top to bottom, whatever \"{landscape}\" says ({px} px in a picture 1920 px wide).",
                      "왼쪽에서 오른쪽으로 그리면 1920 px 슬라이드에서 가장 작은 글자가 {before} px이라(뒷줄에서 읽으려면 {least} px), \"{landscape}\" 설정과 상관없이 위에서 아래로 그렸습니다(너비 1920 px 그림에서 {px} px)."),
    "export.slides": ("Too tall for one slide: the deck and the ZIP cut it between its boxes over {n} slides, its smallest text {px} px on each.",
                      "슬라이드 한 장에는 너무 길어서, 발표 자료와 ZIP에서는 상자 사이를 잘라 슬라이드 {n}장에 나눠 넣습니다. 장마다 가장 작은 글자는 {px} px입니다."),
    "export.tall.png": ("This diagram is {px:,} px tall at this width: too tall for one PNG. Download the SVG or the PDF, or the export page's \"{zip}\" ({slides} slides).",
                        "이 구조도는 이 너비에서 세로가 {px:,} px이어서 PNG 한 장에 담기지 않습니다. SVG나 PDF를 내려받거나, 슬라이드용 내보내기 페이지의 \"{zip}\"({slides}장)을 쓰세요."),
    "export.dot.timeout": ("Graphviz's `dot` took longer than {seconds} seconds and was stopped. Choose a lower detail level (fewer boxes) or try again when the server is less busy; the DOT source, CSV and Markdown still work.",
                           "Graphviz의 `dot`이 {seconds}초 넘게 걸려 멈췄습니다. 자세히 보기 단계를 낮추거나(상자 수가 줄어듭니다) 서버가 덜 바쁠 때 다시 해 보세요. DOT 원본, CSV, Markdown은 그대로 됩니다."),
    # --- compare ------------------------------------------------------------------------
    "nav.compare": ("Compare all", "모두 비교"),
    "cmp.title": ("All architectures side by side", "모든 구조 한눈에 비교"),
    "cmp.intro": ("Depth, parameters and multiply-adds are computed by tracing each model at the chosen input size. ImageNet top-1 accuracy is as published in [torchvision's documentation]({docs}) for its IMAGENET1K_V1 weights (224×224 inputs); the paper layouts have no such weights.",
                  "깊이, 파라미터, 곱셈-누산은 고른 입력 크기에서 각 모델을 추적해 계산합니다. ImageNet 1순위 정확도(top-1: 가장 높은 점수의 클래스가 정답인 비율)는 [torchvision 문서]({docs})에 발표된 IMAGENET1K_V1 가중치의 값(224×224 입력)이며, 논문 구조에는 그런 가중치가 없습니다."),
    "cmp.size": ("Input size", "입력 크기"),
    "cmp.col.year": ("Year", "연도"),
    "cmp.col.top1": ("Top-1 (%)", "1순위 정확도 (%)"),
    "cmp.col.top1.help": ("ImageNet top-1 accuracy: torchvision's published value (224×224 input)",
                          "ImageNet 1순위 정확도: torchvision 문서에 발표된 값 (224×224 입력)"),
    "cmp.col.fails": ("Does not run at this size", "이 크기에서는 실행 불가"),
    "cmp.macs_axis": ("G MACs per image (log scale)", "이미지당 MAC (십억, 로그 눈금)"),
    "cmp.top1_axis": ("ImageNet top-1 accuracy (%)", "ImageNet 1순위 정확도 (%)"),
    "cmp.hover": ("<b>{name}</b><br>{macs} MACs<br>{params} parameters<br>top-1 {top1}%",
                  "<b>{name}</b><br>MACs {macs}<br>파라미터 {params}<br>1순위 정확도 {top1}%"),
    "cmp.bubble_title": ("Accuracy vs compute; bubble area = parameters", "정확도 대 연산량, 원의 넓이 = 파라미터 수"),
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
                        "깊이는 6n + 2(8, 14, 20, ...)여야 합니다. {depth}은(는) 아닙니다: {low}나 {high}(으)로 해 보세요"),
    "cfg.unknown_arch": ("there is no architecture {name}; known: {known}",
                         "{name}라는 구조는 없습니다. 있는 구조: {known}"),
    "cfg.unknown_setting": ("{model} has no setting {names}; its settings: {valid}",
                            "{model}에는 {names} 설정이 없습니다. 있는 설정: {valid}"),
    "cfg.not_int": ("{name} must be a whole number, not {value}", "{name}은(는) 정수여야 합니다 ({value}이(가) 아니라)"),
    "cfg.range": ("{name} must be from {low} to {high}, not {value}",
                  "{name}은(는) {low}에서 {high} 사이여야 합니다 ({value}이(가) 아니라)"),
    "cfg.not_list": ("{name} must be a list of whole numbers, not {value}",
                     "{name}은(는) 정수 목록이어야 합니다 ({value}이(가) 아니라)"),
    "cfg.length": ("{name} needs {length} numbers, not {got}", "{name}에는 숫자 {length}개가 필요합니다 ({got}개가 아니라)"),
    "cfg.empty": ("{name} must not be empty", "{name}이(가) 비어 있으면 안 됩니다"),
    "cfg.groups": ("groups={groups} needs filter counts divisible by {groups}; {a} and {b} are not",
                   "groups={groups}이면 필터 수가 {groups}(으)로 나누어떨어져야 합니다. {a}과(와) {b}은(는) 아닙니다"),
    "cfg.too_large": ("{blocks} blocks with {layers} layers is too large: use at most 6 blocks and 400 layers",
                      "블록 {blocks}개, 층 {layers}개는 너무 큽니다. 블록은 6개, 층은 모두 400개까지입니다"),
    "cfg.theta": ("compression θ must be a number above 0 and at most 1, not {value}",
                  "압축률 θ는 0보다 크고 1 이하인 수여야 합니다 ({value}이(가) 아니라)"),
    "cfg.inception_unknown": ("there is no Inception module {name}; the modules: {valid}",
                              "{name}라는 Inception 모듈은 없습니다. 있는 모듈: {valid}"),
    "cfg.inception_widths": ("{name} takes six widths (1×1, 3×3 reduce, 3×3, 5×5 reduce, 5×5, pool proj), not {got}",
                             "{name}에는 폭 6개(1×1, 3×3 축소, 3×3, 5×5 축소, 5×5, 풀링 투영)가 필요합니다 ({got}개가 아니라)"),
    "cfg.aux_bool": ("aux_logits must be True or False, not {value}", "aux_logits는 True나 False여야 합니다 ({value}이(가) 아니라)"),
    "cfg.residual_dims": ("F(x) + x needs as many channels out as in ({a}, not {b}): set out_dim={a}",
                          "F(x) + x는 나가는 채널 수가 들어오는 채널 수와 같아야 합니다 ({b}이(가) 아니라 {a}): out_dim={a}(으)로 하세요"),
    "err.empty": ("{layer} gets a {h}x{w} input{padded} but its kernel is {kh}x{kw}",
                  "{layer} 층은 {h}×{w} 입력{padded}을(를) 받는데 커널은 {kh}×{kw}입니다"),
    "err.padded": (" ({ph}x{pw} with padding {p})", "(패딩 {p}을(를) 더하면 {ph}×{pw})"),
    "err.features": ("{layer} expects {want} input features but gets {got}",
                     "{layer} 층은 입력 특징 {want}개를 기대하지만 {got}개를 받습니다"),
    "err.channels": ("{layer} expects {want} channels but gets {got}",
                     "{layer} 층은 채널 {want}개를 기대하지만 {got}개를 받습니다"),
    "err.pool_pad": ("{layer} has padding {p}, more than half its kernel {k}x{k}",
                     "{layer} 층의 패딩 {p}이(가) 커널 {k}×{k}의 절반보다 큽니다"),
    "err.add": ("{layer} adds tensors of different shapes: {shapes}",
                "{layer} 층에서 모양이 다른 텐서를 더하려 합니다: {shapes}"),
    "err.cat": ("{layer} concatenates maps of different sizes: {shapes}",
                "{layer} 층에서 크기가 다른 특징 맵을 연결하려 합니다: {shapes}"),
    "err.rank": ("{layer} expects 4-D feature maps but gets shape {shape}",
                 "{layer} 층은 4차원 특징 맵을 기대하지만 {shape} 모양을 받습니다"),
    "err.torch": ("{layer} cannot take this input ({detail})",
                  "{layer} 층이 이 입력을 받을 수 없습니다({detail})"),
    "err.unknown": ("{layer} has no shape rule for {type}", "{layer} 층({type})의 모양 규칙을 모릅니다"),
    "fix.at_least": ("use an input of at least {low}x{low}", "입력을 {low}×{low} 이상으로 하세요"),
    "fix.range": ("sizes {low} to {high} work (this layout has no adaptive pooling)",
                  "{low}부터 {high}까지의 크기만 됩니다(이 구조에는 적응형 풀링이 없습니다)"),
    "fix.only": ("only {low}x{low} works", "{low}×{low}만 됩니다"),
    "fix.none": ("no square input up to {max}x{max} works with this setting; change the setting",
                 "이 설정에서는 {max}×{max} 이하의 어떤 정사각형 입력도 통과하지 못합니다. 설정을 바꾸세요"),
    # --- teaching notes, one per model --------------------------------------------------
    "note.alexnet": (
        "AlexNet as torchvision builds it, following Krizhevsky's 2014 single-GPU version: "
        "64-192-384-256-256 filters instead of the paper's 96-256-384-384-256, no local "
        "response normalisation, and an adaptive average pool that makes any input of at least "
        "63 pixels end at 256x6x6 = 9216 numbers before the three fully connected layers. "
        "conv1 has padding 2, so 224 gives (224 + 4 - 11) / 4 + 1 = 55.",
        "torchvision이 만드는 AlexNet으로, Krizhevsky의 2014년 단일 GPU 버전을 따릅니다. 필터 수는 논문의 "
        "96-256-384-384-256 대신 64-192-384-256-256이고, 국소 응답 정규화(LRN)가 없으며, 적응형 평균 풀링이 "
        "63픽셀 이상의 어떤 입력이든 완전 연결 층 세 개 앞에서 256×6×6 = 9216개의 숫자로 맞춰 줍니다. "
        "conv1의 패딩이 2라서 224는 (224 + 4 - 11) / 4 + 1 = 55가 됩니다."),
    "note.alexnet_paper": (
        "AlexNet as the 2012 paper draws it: ninety-six 11x11x3 filters with stride 4 and no "
        "padding, local response normalisation after conv1 and conv2, and conv2, conv4 and conv5 "
        "split into two groups, one per GPU (groups=2). The paper's text says 224x224, but with "
        "no padding 224 gives (224 - 11) / 4 + 1 = 54.25, floored to 54, and fc6 then receives "
        "256x5x5 = 6400 numbers instead of 9216. Only inputs of 227 to 258 pixels reach 6x6: "
        "the famous inconsistency, kept here on purpose. 60,965,224 parameters.",
        "2012년 논문 그림 그대로의 AlexNet: 11×11×3 필터 96개, 보폭 4, 패딩 0, conv1과 conv2 뒤의 국소 응답 "
        "정규화(LRN), 그리고 GPU 두 개에 나누어 계산하기 위해 conv2, conv4, conv5를 두 그룹으로 나눈 구조(groups=2)입니다. "
        "논문 본문은 224×224라고 하지만 패딩이 없으면 (224 - 11) / 4 + 1 = 54.25를 내림해 54가 되고, fc6에는 "
        "9216개가 아니라 256×5×5 = 6400개의 숫자가 들어옵니다. 227부터 258픽셀까지만 6×6에 도달합니다. "
        "유명한 불일치이며 일부러 그대로 두었습니다. 파라미터 60,965,224개."),
    "note.googlenet": (
        "GoogLeNet as torchvision builds it: every convolution is followed by batch "
        "normalisation (not in the 2014 paper), and the branch the paper calls 5x5 really uses "
        "a 3x3 kernel, a known torchvision bug kept so its pretrained checkpoint still loads. "
        "The auxiliary classifiers are off, as in torchvision's pretrained model; with "
        "aux_logits=True they appear on 4a and 4d during training only.",
        "torchvision이 만드는 GoogLeNet: 모든 합성곱 뒤에 배치 정규화가 있고(2014년 논문에는 없음), 논문이 5×5라고 "
        "부르는 가지는 실제로 3×3 커널을 씁니다. 사전 학습된 체크포인트를 그대로 불러오기 위해 남겨 둔 torchvision의 "
        "알려진 버그입니다. 보조 분류기는 torchvision의 사전 학습 모델처럼 꺼져 있고, aux_logits=True로 켜면 학습할 때만 "
        "4a와 4d에 나타납니다."),
    "note.googlenet_paper": (
        "GoogLeNet as Table 1 of the 2014 paper gives it: real 5x5 convolutions, no batch "
        "normalisation, local response normalisation in the stem, and 3x3/2 max-pooling between "
        "stages. Two auxiliary classifiers on 4a and 4d add their losses, weighted by 0.3, "
        "during training only; at test time they are removed and only the last softmax is "
        "used, so they do not appear in this (test-time) trace although their parameters are "
        "counted. A fixed 7x7 average pool means only inputs of 223 to 254 pixels work.",
        "2014년 논문 표 1 그대로의 GoogLeNet: 진짜 5×5 합성곱, 배치 정규화 없음, 앞부분의 국소 응답 정규화, 단계 사이의 "
        "3×3/2 최대 풀링. 4a와 4d에 붙은 보조 분류기 두 개는 학습할 때만 손실에 0.3을 곱해 더하고, 테스트할 때는 제거되어 "
        "마지막 소프트맥스만 씁니다. 그래서 이 (테스트 시점) 추적에는 나타나지 않지만 파라미터 수에는 포함됩니다. 7×7 평균 "
        "풀링이 고정되어 있어 223부터 254픽셀까지의 입력만 됩니다."),
    "note.resnet18": (
        "ResNet-18: eight basic blocks (two 3x3 convolutions each) in four stages of 64, 128, "
        "256 and 512 channels. Each block outputs F(x) + x; where a stage halves the size and "
        "doubles the channels, a 1x1 convolution with stride 2 (a projection) reshapes x so "
        "the two can be added.",
        "ResNet-18: 64, 128, 256, 512 채널의 네 단계에 기본 블록(3×3 합성곱 두 개) 여덟 개가 있습니다. 각 블록은 "
        "F(x) + x를 출력합니다. 단계가 바뀌며 크기가 절반이 되고 채널이 두 배가 되는 곳에서는 보폭 2의 1×1 합성곱"
        "(투영)이 x의 모양을 맞춰 더할 수 있게 합니다."),
    "note.resnet20": (
        "ResNet-20: the paper's network for CIFAR-10's 32 px pictures (section 4.2). A 3x3 "
        "convolution with 16 filters, then three stages of three basic blocks on 32, 16 and "
        "8 px maps with 16, 32 and 64 filters, global average pooling and 10 scores: 20 "
        "weighted layers, 0.27 M parameters. Where a stage begins, the shortcut keeps every "
        "second pixel and adds zero channels (option A): it has no parameters.",
        "ResNet-20: CIFAR-10의 32 px 사진을 위한 논문의 네트워크입니다(4.2절). 필터 16개의 3×3 합성곱 다음에 "
        "32, 16, 8 px 맵에서 필터 16, 32, 64개를 쓰는 세 단계(각각 기본 블록 세 개), 전역 평균 풀링, 점수 10개가 "
        "옵니다. 가중치 층 20개, 파라미터 27만 개. 단계가 시작되는 곳의 지름길은 두 칸에 한 픽셀만 남기고 0 채널을 "
        "더합니다(옵션 A): 파라미터가 없습니다."),
    "note.resnet56": (
        "ResNet-56: ResNet-20's design with nine blocks per stage instead of three (section "
        "4.2, n = 9): 56 weighted layers, 0.85 M parameters. In the paper it trains to a lower "
        "error than ResNet-20, while the plain 56-layer network does worse than the plain "
        "20-layer one (Figure 1).",
        "ResNet-56: ResNet-20의 설계에서 단계마다 블록이 세 개가 아니라 아홉 개입니다(4.2절, n = 9). 가중치 층 56개, "
        "파라미터 85만 개. 논문에서는 ResNet-20보다 오류가 낮아지지만, 지름길이 없는 56층 네트워크는 20층보다 "
        "나빠집니다(그림 1)."),
    "note.plain20": (
        "Plain-20: ResNet-20 with every shortcut taken away, the same 20 layers and the same "
        "0.27 M parameters (option A shortcuts have none). The paper's Figure 1 trains it "
        "beside Plain-56 to show that depth alone makes training harder.",
        "Plain-20: ResNet-20에서 지름길을 모두 뺀 네트워크로, 층 20개와 파라미터 27만 개가 같습니다(옵션 A 지름길에는 "
        "파라미터가 없습니다). 논문의 그림 1은 Plain-56과 나란히 학습해, 깊이만으로도 학습이 어려워진다는 것을 "
        "보입니다."),
    "note.plain56": (
        "Plain-56: ResNet-56 with no shortcuts, 56 layers and 0.85 M parameters. In the paper's "
        "Figure 1 its training error stays above Plain-20's: the deeper plain network is "
        "harder to optimise, which is the problem residual connections solve.",
        "Plain-56: 지름길이 없는 ResNet-56으로, 층 56개와 파라미터 85만 개입니다. 논문의 그림 1에서 이 네트워크의 "
        "학습 오류는 Plain-20보다 높게 남습니다. 지름길 없는 더 깊은 네트워크는 최적화하기 더 어렵고, 잔차 연결이 바로 이 "
        "문제를 풉니다."),
    "note.resnet34": (
        "ResNet-34: the same basic blocks as ResNet-18 (two 3x3 convolutions and the identity), "
        "3-4-6-3 of them per stage, as in Table 1 of the paper. It is the network of the "
        "paper's Figure 3, where a plain 34-layer network trains worse than an 18-layer one "
        "and the residual version trains better.",
        "ResNet-34: ResNet-18과 같은 기본 블록(3×3 합성곱 두 개와 항등 연결)을 논문 표 1처럼 단계마다 3-4-6-3개 "
        "쌓았습니다. 논문 그림 3의 네트워크로, 잔차 연결이 없는 34층 네트워크는 18층보다 학습이 잘 안 되지만 잔차 버전은 더 "
        "잘 학습됩니다."),
    "note.resnet50": (
        "ResNet-50: bottleneck blocks. A 1x1 convolution reduces 256 channels to 64, a 3x3 "
        "works on 64, and a 1x1 restores 256, then x is added. torchvision puts the stride on "
        "the 3x3 (ResNet v1.5); the paper puts it on the first 1x1. v1.5 costs 4.09 G MACs "
        "instead of the paper's 3.8 G.",
        "ResNet-50: 병목(bottleneck) 블록을 씁니다. 1×1 합성곱이 256채널을 64로 줄이고, 3×3이 64채널에서 계산한 뒤, "
        "1×1이 다시 256으로 늘리고 x를 더합니다. torchvision은 보폭을 3×3에 두고(ResNet v1.5), 논문은 첫 1×1에 둡니다. "
        "v1.5는 곱셈-누산이 논문의 38억 번보다 많은 40.9억 번입니다."),
    "note.resnet101": (
        "ResNet-101: bottleneck blocks, 3-4-23-3 per stage; the third stage (14x14 maps, "
        "1024 channels) holds 23 of the 33 blocks and does most of the work. Deeper, yet "
        "fewer multiply-adds than VGG-16.",
        "ResNet-101: 병목 블록을 단계마다 3-4-23-3개 쌓았습니다. 세 번째 단계(14×14 특징 맵, 1024채널)에 33개 블록 중 "
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
        "강의 코드의 Residual_Block: conv3x3, ReLU, conv3x3이 F(x)를 만들고, x를 더한 뒤 ReLU를 거칩니다. 투영 지름길이 "
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
        "연결(concatenate)하므로 채널이 64 -> 256, 128 -> 512, 256 -> 1024, 512 -> 1024로 늘어납니다. 전환 층(BN, 1×1 "
        "합성곱, 2×2 평균 풀링)은 채널 수와 크기를 모두 절반으로 줄입니다. 각 층은 병목 구조로, 1×1 합성곱이 4k = 128채널로 "
        "줄인 뒤 3×3이 k개를 만듭니다. 여기서는 층마다 바로 연결하고, torchvision은 다음 층 안에서 연결합니다(계산은 같음)."),
    "note.densenet161": (
        "DenseNet-161: the widest of the family, growth rate k = 48 and 96 stem channels, with "
        "dense blocks of 6, 12, 36 and 24 layers. Each layer's bottleneck widens to 4k = 192 "
        "channels before its 3x3 convolution adds 48 new maps.",
        "DenseNet-161: 이 계열에서 가장 넓은 모델로 성장률 k = 48, 시작 채널 96이며, 밀집 블록은 6, 12, 36, 24개 층입니다. "
        "각 층의 병목은 3×3 합성곱이 새 특징 맵 48개를 더하기 전에 4k = 192채널로 넓힙니다."),
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
        "DenseNet-201: k = 32, 6, 12, 48, 32개 층의 밀집 블록. 세 번째 블록 하나에서만 채널이 256에서 256 + 48 × 32 = 1792로 "
        "늘어나고, 분류기에는 1920개 채널이 들어갑니다."),
    "note.densenet_bc_100": (
        "DenseNet-BC (L = 100, k = 12) for 32x32 CIFAR images: the lecture's figure with three "
        "dense blocks and two transition layers. Sixteen bottleneck layers per block; maps are "
        "32x32, 16x16 and 8x8 in the three blocks, and the transitions keep half the channels "
        "(compression 0.5).",
        "32×32 CIFAR 이미지를 위한 DenseNet-BC (L = 100, k = 12): 밀집 블록 세 개와 전환 층 두 개로 된 강의의 그림입니다. "
        "블록마다 병목 층이 16개 있고, 세 블록에서 특징 맵은 32×32, 16×16, 8×8이며, 전환 층은 채널을 절반만 남깁니다(압축 0.5)."),
    # --- builder page ----------------------------------------------------------------------
    "nav.builder": ("Design your own network", "내 네트워크 설계하기"),
    "builder.title": ("Design your own network", "내 네트워크 설계하기"),
    "builder.intro": ("Stack the lecture's layers and blocks. After every change the whole network is "
                      "traced: shapes, parameters, multiply-accumulates (MACs). Break it, read why, fix it. "
                      "The link in the address bar holds your whole design: send it to your teacher.",
                      "강의에 나온 층과 블록을 쌓아 보세요. 바꿀 때마다 네트워크 전체를 다시 계산합니다: 모양, "
                      "파라미터, 곱셈-누산(MACs). 망가뜨려 보고, 이유를 읽고, 고쳐 보세요. 주소창의 링크에 "
                      "설계 전체가 들어 있어서 선생님께 그대로 보낼 수 있습니다."),
    "builder.start": ("Start from", "시작하기"),
    "builder.start.help": ("An empty design, a small template, or any network of the lecture with its "
                           "exact numbers.", "빈 설계, 작은 본보기, 또는 강의의 네트워크 그대로 (숫자까지 똑같이)."),
    "builder.start.empty": ("Empty", "빈 설계"),
    "builder.start.tiny": ("Template: tiny CNN (Fashion-MNIST)", "본보기: 작은 CNN (Fashion-MNIST)"),
    "builder.start.lenet": ("Template: LeNet-style (Fashion-MNIST)", "본보기: LeNet 스타일 (Fashion-MNIST)"),
    "builder.start.mini_resnet": ("Template: mini ResNet (Fashion-MNIST)", "본보기: 작은 ResNet (Fashion-MNIST)"),
    "builder.start.mini_densenet": ("Template: mini DenseNet (Fashion-MNIST)",
                                    "본보기: 작은 DenseNet (Fashion-MNIST)"),
    "builder.start.zoo": ("Network: {title}", "네트워크: {title}"),
    "builder.open": ("Open", "열기"),
    "builder.replace_warn": ("Opening replaces the design on screen (its link stays in your browser's history).",
                             "열면 지금 화면의 설계가 바뀝니다 (이전 설계의 링크는 브라우저 방문 기록에 남아 있습니다)."),
    "builder.channels": ("Input channels", "입력 채널"),
    "builder.size": ("Input size (pixels per side)", "입력 크기 (한 변의 픽셀 수)"),
    "builder.size.short": ("Input size (px)", "입력 크기(px)"),
    "builder.items": ("The design, item by item", "설계: 항목별로"),
    "builder.col.n": ("#", "#"),
    "builder.col.item": ("Item", "항목"),
    "builder.col.settings": ("Settings", "설정"),
    "builder.col.output": ("Output (C×H×W)", "출력 (C×H×W)"),
    "builder.col.params": ("Parameters", "파라미터"),
    "builder.empty": ("The design is empty: add a layer below, or start from a template above.",
                      "설계가 비어 있습니다: 아래에서 층을 추가하거나, 위에서 본보기로 시작하세요."),
    "builder.edit": ("Item to edit", "고칠 항목"),
    "builder.repeat": ("Repeat (×)", "반복 (×)"),
    "builder.repeat.help": ("How many in a row. A residual item's first block has the stride; the rest keep "
                            "the shape (\"Bottleneck ×3\").",
                            "몇 번 이어 붙일지. 잔차 항목은 첫 블록만 보폭을 쓰고 나머지는 모양을 유지합니다 "
                            "(\"병목 블록 ×3\")."),
    "builder.up": ("Move up", "위로"),
    "builder.down": ("Move down", "아래로"),
    "builder.duplicate": ("Duplicate", "복제"),
    "builder.remove": ("Remove", "삭제"),
    "builder.add": ("Add after the selected item", "고른 항목 뒤에 추가"),
    "builder.add.button": ("Add", "추가"),
    "builder.breaks": ("This design cannot work", "이 설계는 동작할 수 없습니다"),
    "builder.fix": ("Use {field} = {value} (the nearest value that works)",
                    "{field} = {value} 로 바꾸기 (통과하는 가장 가까운 값)"),
    "builder.fix.size": ("Use an input of {size}×{size}", "입력을 {size}×{size}(으)로 바꾸기"),
    "builder.fix.none": ("No nearby value of {field} works: change another setting or remove the item.",
                         "{field}의 가까운 값으로는 통과하지 않습니다: 다른 설정을 바꾸거나 항목을 지우세요."),
    "builder.tab.layers": ("Layers", "층"),
    "builder.tab.diagram": ("Diagram", "다이어그램"),
    "builder.tab.flow": ("Shape flow", "모양의 흐름"),
    "builder.set.pad": ("pad {p}", "패딩 {p}"),
    "builder.take_home": ("Take it home", "가져가기"),
    "builder.save_json": ("Design file (JSON)", "설계 파일 (JSON)"),
    "builder.save_code": ("PyTorch code (.py)", "PyTorch 코드 (.py)"),
    "builder.code.help": ("Needs only PyTorch: `python {file}` prints the parameter count and the output shape. "
                          "Its weights start as PyTorch's defaults (the zoo's ResNet and DenseNet start from He "
                          "et al.'s initialisation; the numbers are the same).",
                          "PyTorch만 있으면 됩니다: `python {file}`를 실행하면 파라미터 수와 출력 모양이 나옵니다. "
                          "가중치는 PyTorch 기본값으로 시작합니다 (모델 모음의 ResNet과 DenseNet은 He 등의 초기화로 "
                          "시작합니다. 숫자는 같습니다)."),
    "builder.note.aux": ("A design of Inception blocks has no auxiliary classifiers: GoogLeNet's two run only in "
                         "training, so a design leaves them out, and its parameters are the network's at test time.",
                         "Inception 블록으로 된 설계에는 보조 분류기가 없습니다: GoogLeNet의 보조 분류기 두 개는 "
                         "학습할 때만 쓰이므로 설계에서는 빠지고, 파라미터 수는 시험(추론) 때 네트워크의 것입니다."),
    "builder.load": ("Open a design file (JSON, up to 1 MB)", "설계 파일 열기 (JSON, 1MB까지)"),
    "builder.loaded": ("Opened {name}.", "{name}을(를) 열었습니다."),
    "builder.limits": ("Limits: {items} items, {depth} weighted layers, {params} parameters, {macs} MACs, "
                       "channels up to 4096.",
                       "한도: 항목 {items}개, 가중치 층 {depth}개, 파라미터 {params}개, MACs {macs}, 채널 최대 4096."),
    "builder.deck_title": ("My network", "내 네트워크"),
    # --- builder: the training queue and the class board ------------------------------------
    "queue.title": ("Train it", "학습시키기"),
    "queue.rules": ("Everyone gets the same amount of work: {budget} MAC-equivalents of training on Fashion-MNIST "
                    "(one channel, ten classes, AdamW; about a minute here), then a test on 10,000 pictures it has never "
                    "seen. A small network sees more pictures (at most {most}), a large one fewer (at least {least}). "
                    "One network trains at a time, at a low priority.",
                    "모두 같은 양의 계산으로 학습합니다: Fashion-MNIST로 MAC 환산 {budget}번 (채널 1개, 클래스 10개, "
                    "AdamW; 이 컴퓨터에서 약 1분) 학습한 뒤, 처음 보는 그림 10,000장으로 시험합니다. 작은 신경망은 그림을 "
                    "더 많이 보고 (최대 {most}장), 큰 신경망은 더 적게 봅니다 (최소 {least}장). 한 번에 한 신경망만 낮은 "
                    "우선순위로 학습합니다."),
    "queue.fix_first": ("Fix the design first: only a design that works can be trained.",
                        "먼저 설계를 고치세요: 동작하는 설계만 학습시킬 수 있습니다."),
    "queue.channels": ("Fashion-MNIST pictures have one channel: set the input channels to 1 (not {channels}).",
                       "Fashion-MNIST 그림은 채널이 1개입니다: 입력 채널을 1로 바꾸세요 ({channels}이(가) 아니라)."),
    "queue.classes": ("The network must end with 10 numbers, one per kind of clothing (it ends with {shape}): "
                      "finish with Flatten and Linear with 10 outputs.",
                      "네트워크의 끝은 옷 종류마다 하나씩, 숫자 10개여야 합니다 (지금은 {shape}): "
                      "펼치기(Flatten)와 출력 10개짜리 완전 연결(Linear) 층으로 끝내세요."),
    "queue.work": ("Training this design costs {work} MAC-equivalents a picture (every layer counted: pooling, "
                   "normalisation and activations too); the class limit is {high}, so that every design sees at least "
                   "{pictures} pictures. Use fewer channels, a smaller input or an earlier pooling.",
                   "이 설계는 학습할 때 그림 한 장에 MAC 환산 {work}번의 계산이 듭니다 (풀링, 정규화, 활성화 함수까지 모든 층). "
                   "모든 설계가 그림을 {pictures}장 이상 보도록 한도는 {high}입니다. 채널을 줄이거나, 입력을 줄이거나, "
                   "더 앞에서 풀링하세요."),
    "queue.memory": ("Training this design would need about {memory} GiB of memory for a batch of {batch} pictures "
                     "(every layer's output, kept for the backward pass, and its gradient); the class limit is {high} GiB. "
                     "Use fewer channels, a smaller input or an earlier pooling.",
                     "이 설계를 그림 {batch}장 묶음으로 학습하려면 메모리가 약 {memory} GiB 필요합니다 (역전파를 위해 "
                     "모든 층의 출력과 그 기울기를 보관). 한도는 {high} GiB입니다. 채널을 줄이거나, 입력을 줄이거나, "
                     "더 앞에서 풀링하세요."),
    "queue.fix.size": ("Make the input {size} px (the largest that fits)", "입력을 {size} px로 줄이기 (들어가는 가장 큰 크기)"),
    "queue.fix.none": ("No smaller input makes this design fit: change its layers.",
                       "입력을 줄여도 한도 안에 들지 않습니다: 층을 바꾸세요."),
    "queue.timeout": ("Your run took longer than the class limit of {minutes} minutes and was stopped. Make the "
                      "design smaller and train again.",
                      "학습이 반의 시간 한도 {minutes}분을 넘겨 멈췄습니다. 설계를 더 작게 만들고 다시 학습시키세요."),
    "queue.memory_limit": ("Your run needed more than the {gib} GiB of memory a run may use, and was stopped. Make "
                           "the design smaller and train again.",
                           "학습이 쓸 수 있는 메모리 {gib} GiB를 넘어 멈췄습니다. 설계를 더 작게 만들고 다시 학습시키세요."),
    "queue.io": ("The server could not save your run: {why}. Tell the teacher; your design is kept in the link.",
                 "서버가 학습을 저장하지 못했습니다: {why}. 선생님께 알려 주세요. 설계는 링크에 그대로 있습니다."),
    "queue.unwritable": ("The queue cannot be written on the server: {why}. Tell the teacher; your design is kept "
                         "in the link.",
                         "서버의 대기열에 쓸 수 없습니다: {why}. 선생님께 알려 주세요. 설계는 링크에 그대로 있습니다."),
    "io.full": ("the disk is full", "디스크가 가득 찼습니다"),
    "io.read_only": ("the folder is read-only", "읽기 전용 폴더입니다"),
    "io.denied": ("there is no permission to write there", "그곳에 쓸 권한이 없습니다"),
    "queue.by_student": ("The queue, by student (only you see this)", "학생별 대기열 (선생님에게만 보입니다)"),
    "queue.col.address": ("Address", "주소"),
    "queue.col.design": ("Design", "설계"),
    "queue.col.state": ("State", "상태"),
    "queue.state.waiting": ("waiting", "대기 중"),
    "queue.remove": ("Remove the chosen job", "고른 학습 빼기"),
    "queue.remove.pick": ("Job to remove", "뺄 학습"),
    "queue.nickname": ("Name on the board", "게시판에 올릴 이름"),
    "queue.nickname.placeholder": ("a nickname", "별명"),
    "queue.anonymous": ("anonymous", "익명"),
    "queue.train": ("Train it", "학습 시작"),
    "queue.busy_owner": ("Your design is in the queue already: wait for it, or cancel it first.",
                         "내 설계가 이미 대기열에 있습니다: 끝날 때까지 기다리거나 먼저 취소하세요."),
    "queue.full": ("The queue is full ({high} designs): try again in a few minutes.",
                   "대기열이 가득 찼습니다 (설계 {high}개): 몇 분 뒤에 다시 해 보세요."),
    "queue.place": ("Your design is number {n} in the queue: {ahead} before it, about {minutes} min.",
                    "내 설계는 대기열 {n}번째입니다: 앞에 {ahead}개, 약 {minutes}분."),
    "queue.cancel": ("Cancel my run", "내 학습 취소"),
    "queue.done": ("Test accuracy **{acc:.1%}** on {n:,} pictures it had never seen, after {steps:,} steps "
                   "({seconds} s). It is on the class board below.",
                   "처음 보는 그림 {n:,}장에서 시험 정확도 **{acc:.1%}** ({steps:,}단계, {seconds}초 학습). "
                   "아래 반 게시판에 올라갔습니다."),
    "queue.crashed": ("The run failed: {detail}", "학습이 실패했습니다: {detail}"),
    "queue.state.waiting_machine": ("Waiting: the teacher's training run has the machine",
                                    "기다리는 중: 선생님의 학습이 컴퓨터를 쓰고 있습니다"),
    "queue.state.loading": ("Reading Fashion-MNIST…", "Fashion-MNIST 읽는 중…"),
    "queue.state.running": ("Your network is learning", "내 네트워크가 학습하는 중"),
    "queue.state.evaluating": ("Testing on pictures it has never seen…", "처음 보는 그림으로 시험하는 중…"),
    "queue.state.cancelled": ("Your run was cancelled.", "학습이 취소되었습니다."),
    "queue.state.lost": ("Your run ended unexpectedly (the server was stopped). Press the button again.",
                         "학습이 예기치 않게 끝났습니다 (서버가 멈췄습니다). 버튼을 다시 누르세요."),
    "queue.now": ("Training now: {who}", "지금 학습 중: {who}"),
    "queue.line": ("Waiting ({n}): {who}", "대기 중 ({n}): {who}"),
    "queue.clear": ("Empty the queue (teacher)", "대기열 비우기 (선생님)"),
    # --- classroom probe (room2): a job's start is not the teacher's run ---
    "queue.state.starting": ("Starting your run…", "학습을 시작하는 중…"),
    "board.title": ("Class board", "반 게시판"),
    "board.empty": ("No results yet: train a design and it appears here.",
                    "아직 결과가 없습니다: 설계를 학습시키면 여기에 나옵니다."),
    "board.col.rank": ("#", "순위"),
    "board.col.who": ("Who", "이름"),
    "board.col.acc": ("Test accuracy", "시험 정확도"),
    "board.col.open": ("Design", "설계"),
    "board.open": ("open", "열기"),
    "board.note": ("Same amount of work for everyone ({budget} MAC-equivalents of training): a small network sees "
                   "more pictures, a large one fewer. Open a design to see how it was built.",
                   "모두 같은 양의 계산으로 학습했습니다 (MAC 환산 {budget}번): 작은 신경망은 그림을 더 많이, 큰 신경망은 "
                   "더 적게 봅니다. 설계를 열어 어떻게 만들었는지 보세요."),
    "board.col.pictures": ("Pictures seen", "본 그림 수"),
    "board.skipped": ("{n} damaged lines of the board file were skipped.", "게시판 파일에서 손상된 줄 {n}개를 건너뛰었습니다."),
    "board.new": ("New contest (teacher)", "새 대회 시작 (선생님)"),
    "board.new.help": ("Starts an empty board; the old one is kept in the cache folder under a dated name.",
                       "빈 게시판으로 시작합니다. 이전 게시판은 날짜가 붙은 이름으로 캐시 폴더에 남습니다."),
    "url.bad_design": ("The link's design could not be opened ({reason}); showing a template instead.",
                       "링크의 설계를 열 수 없어서 ({reason}) 본보기를 보여 줍니다."),
    "url.bad_from": ("The link asks to start from \"{value}\", which is not a network here; showing a "
                     "template instead.", "링크가 \"{value}\"에서 시작하라고 하지만 그런 네트워크는 없어서 "
                     "본보기를 보여 줍니다."),
    # item types: in Korean the word first and the code name after it, as 보폭(stride) is
    "item.conv": ("Conv2d (convolution)", "합성곱 (Conv2d)"),
    "item.batchnorm": ("BatchNorm2d", "배치 정규화 (BatchNorm2d)"),
    "item.relu": ("ReLU", "ReLU"),
    "item.leaky_relu": ("LeakyReLU", "LeakyReLU"),
    "item.gelu": ("GELU", "GELU"),
    "item.sigmoid": ("Sigmoid", "Sigmoid"),
    "item.tanh": ("Tanh", "Tanh"),
    "item.maxpool": ("MaxPool2d", "최대 풀링 (MaxPool2d)"),
    "item.avgpool": ("AvgPool2d", "평균 풀링 (AvgPool2d)"),
    "item.adaptive_avgpool": ("AdaptiveAvgPool2d", "적응형 평균 풀링 (AdaptiveAvgPool2d)"),
    "item.lrn": ("LRN (local response norm)", "국소 응답 정규화 (LRN)"),
    "item.dropout": ("Dropout", "드롭아웃 (Dropout)"),
    "item.zeropad": ("ZeroPad2d", "0 채우기 (ZeroPad2d)"),
    "item.flatten": ("Flatten", "펼치기 (Flatten)"),
    "item.linear": ("Linear (fully connected)", "완전 연결 (Linear)"),
    "item.residual": ("Residual block: F(x) + x", "잔차 블록: F(x) + x"),
    "item.dense_block": ("Dense block", "밀집 블록 (dense block)"),
    "item.transition": ("Transition", "전환 층 (transition)"),
    "item.inception": ("Inception module", "Inception 모듈"),
    # --- layer types of the registry: transposed convolution, upsampling (issue 29) ---
    "item.conv_transpose": ("ConvTranspose2d (transposed convolution)", "전치 합성곱 (ConvTranspose2d)"),
    "item.upsample": ("Upsample (nearest)", "최근접 업샘플링 (Upsample)"),
    "item.upsample_bilinear": ("Upsample (bilinear)", "쌍선형 업샘플링 (Upsample)"),
    "field.output_padding": ("Output padding", "출력 패딩"),
    "field.scale": ("Scale factor", "배율"),
    "dg.conv_transpose": ("transposed conv {k}, stride {s} · {c} filters", "전치 합성곱 {k}, 보폭 {s} · 필터 {c}개"),
    "dg.upsample": ("upsample to {h}×{w} (nearest)", "업샘플링, {h}×{w}(으)로 (최근접)"),
    "dg.upsample_bilinear": ("upsample to {h}×{w} (bilinear)", "업샘플링, {h}×{w}(으)로 (쌍선형)"),
    "dg.FeatureAlphaDropout": ("alpha dropout of whole maps", "맵 단위 알파 드롭아웃"),
    "err.huge": ("{layer} would make a {h:,.0f}x{w:,.0f} map; the largest this app computes is {max:,}x{max:,}",
                 "{layer} 층은 {h:,.0f}×{w:,.0f} 맵을 만들게 됩니다. 이 앱이 계산하는 가장 큰 맵은 {max:,}×{max:,}입니다"),
    "err.output_padding": ("{layer} has output padding {op}; it must be smaller than its stride {s}",
                           "{layer} 층의 출력 패딩 {op}은(는) 보폭 {s}보다 작아야 합니다"),
    "err.crop": ("{layer} gets a {h}x{w} input and its padding {p} crops away its whole output",
                 "{layer} 층은 {h}×{w} 입력을 받는데 패딩 {p}이(가) 출력을 모두 잘라 냅니다"),
    # --- end of the registry's layer types ---
    # --- one error base class: the tracer's input errors (issue 29) ---
    "err.input_shape": ("the input shape must be (N, C, H, W) or (C, H, W), not {value}",
                        "입력 모양은 (N, C, H, W)나 (C, H, W)여야 합니다 ({value}이(가) 아니라)"),
    "err.input_range": ("{name} must be a whole number from 1 to {high}, not {value}",
                        "{name}은(는) 1부터 {high}까지의 정수여야 합니다 ({value}이(가) 아니라)"),
    "err.input_channels": ("{layer} expects {want} input channels but the input has {got}; feed {want} "
                           "channels or build the model with in_channels={got}",
                           "{layer} 층은 입력 채널 {want}개를 기대하지만 입력은 {got}개입니다. 채널 {want}개를 "
                           "넣거나 in_channels={got}(으)로 모델을 만드세요"),
    "err.dim.batch": ("batch", "배치 크기"),
    "err.dim.channels": ("channels", "채널 수"),
    "err.dim.height": ("height", "높이"),
    "err.dim.width": ("width", "너비"),
    # --- end of the error base class ---
    # --- a trained design is kept (issue 29) ---
    "queue.take_home": ("Take your trained network home (.zip)", "학습한 네트워크 가져가기 (.zip)"),
    "queue.take_home.help": ("{name}.py is its PyTorch code, {name}.pt the weights it learned in class; "
                             "the last lines of {name}.py say how to load them.",
                             "{name}.py: PyTorch 코드, {name}.pt: 수업에서 학습한 가중치. "
                             "불러오는 법은 {name}.py의 마지막 줄에 있습니다."),
    "kept.choice": ("A design trained in class", "수업에서 학습한 설계"),
    "kept.pick": ("Trained design", "학습한 설계"),
    "kept.option.mine": ("Mine · finished {time} · {acc:.1%} · {name}", "내 설계 · {time} 완료 · {acc:.1%} · {name}"),
    "kept.option.board": ("#{rank} · {acc:.1%} · {who} · {name}", "{rank}위 · {acc:.1%} · {who} · {name}"),
    "kept.option.link": ("The design in the link", "링크로 연 설계"),
    "kept.none": ("No trained design yet: train one on the builder page (Train it), or wait until the class "
                  "board has results.", "아직 학습한 설계가 없습니다. 설계 만들기 페이지에서 '학습 시작'을 "
                  "누르거나, 반 게시판에 결과가 올라올 때까지 기다리세요."),
    "kept.back": ("Look at a lecture network instead", "강의 네트워크 보기"),
    "kept.notice": ("Weights learned in the class's queue, on Fashion-MNIST at {size}×{size} px: {acc:.1%} of the "
                    "test pictures right. Like every Fashion-MNIST network, it answers with one of ten kinds of "
                    "clothing, whatever you show it.",
                    "수업 대기열에서 Fashion-MNIST로 {size}×{size} px 크기에서 학습한 가중치입니다(시험 정확도 "
                    "{acc:.1%}). 다른 Fashion-MNIST 네트워크처럼, 무엇을 보여 주든 옷 열 가지 중 하나로 답합니다."),
    "kept.by": ("\"{name}\" by {who}", "{who}의 설계 \"{name}\""),
    "kept.no_maps": ("This design has no layer whose output is a map (nothing but fully connected layers): "
                     "there are no feature maps to show. Add a convolution in the builder.",
                     "이 설계에는 출력이 맵인 층이 없습니다(완전 연결 층뿐입니다). 보여 줄 특징 맵이 없으니 "
                     "설계 만들기에서 합성곱 층을 넣어 보세요."),
    "kept.take_home": ("Download its code and weights (.zip)", "코드와 가중치 내려받기 (.zip)"),
    "kept.see_maps": ("See its feature maps", "특징 맵 보기"),
    "board.kept.pick": ("A design from the board", "게시판의 설계"),
    "board.kept.none": ("No design on the board has its weights kept on the server.",
                        "게시판의 설계 가운데 가중치가 서버에 남아 있는 것이 없습니다."),
    "board.col.maps": ("Feature maps", "특징 맵"),
    "board.maps": ("see", "보기"),
    "feat.strip.note.kept": ("Bright is a strong response. A network trained briefly on small gray "
                             "pictures of clothing learns simpler maps than one trained for days on photographs: "
                             "often edges and outlines first, then where the garment is.",
                             "밝을수록 강하게 반응한 곳입니다. 작은 회색 옷 그림으로 잠깐 학습한 네트워크는 사진으로 "
                             "며칠 학습한 네트워크보다 단순한 맵을 배웁니다. 대개 먼저 선과 윤곽, 그다음 옷이 있는 자리."),
    "url.bad_kept": ("The link's trained design \"{value}\" is not the name of one (a job's name is 6 to 32 "
                     "letters 0-9 and a-f); pick a design on the page.",
                     "링크의 학습한 설계 \"{value}\"은(는) 설계 이름이 아닙니다(0-9와 a-f로 된 6~32글자). "
                     "페이지에서 설계를 고르세요."),
    "ckpt.kept_missing": ("This design's weights are no longer on the server (it keeps the newest {keep}), or its "
                          "training did not finish. Pick another design, or a lecture network.",
                          "이 설계의 가중치가 서버에 더 이상 없습니다(서버는 가장 최근 {keep}개만 남깁니다). 학습이 "
                          "끝나지 않았을 수도 있습니다. 다른 설계나 강의 네트워크를 고르세요."),
    "ckpt.kept_too_big": ("This design's weights file is {mb} MB; a kept file larger than {limit} MB is not read. "
                          "Pick another design, or tell the teacher.",
                          "이 설계의 가중치 파일은 {mb}MB입니다. {limit}MB보다 큰 파일은 읽지 않습니다. 다른 설계를 "
                          "고르거나 선생님께 알리세요."),
    "ckpt.kept_foreign": ("This file is not a design trained in class: it holds no design to rebuild its network. "
                          "Pick another design, or tell the teacher.",
                          "이 파일은 수업에서 학습한 설계가 아닙니다. 네트워크를 다시 만들 설계가 들어 있지 않습니다. "
                          "다른 설계를 고르거나 선생님께 알리세요."),
    # --- end of the kept design ---
    # --- the checkpoint store: a kept design trained further (issue 29) ---
    "kept.further": ("Train it further", "이어서 더 학습하기"),
    "kept.further.help": ("Queue this design again, starting from the weights it learned instead of random ones. "
                          "It gets one more share of the class's budget, and its result is a new row on the board.",
                          "이 설계를 다시 대기열에 넣습니다. 무작위 가중치가 아니라 이미 배운 가중치에서 시작합니다. "
                          "반의 학습 예산을 한 번 더 받고, 결과는 게시판에 새 줄로 올라갑니다."),
    "kept.further.queued": ("This design is in the queue again, number {n}: it will start from the weights shown "
                            "here.",
                            "이 설계가 다시 대기열 {n}번째에 있습니다. 여기 보이는 가중치에서 시작합니다."),
    "kept.further.follow": ("Follow it on the builder page", "설계 만들기 페이지에서 지켜보기"),
    "kept.from": ("Trained further: this run started from the weights an earlier run of the same design kept.",
                  "이어서 학습한 결과입니다. 같은 설계의 앞선 학습이 남긴 가중치에서 시작했습니다."),
    "queue.further_other": ("Those kept weights belong to another design: train this one from the start (Train it).",
                            "남아 있는 가중치는 다른 설계의 것입니다. 이 설계는 처음부터 학습하세요('학습 시작')."),
    "queue.further_again": ("You have trained these weights further already, and the same start gives the same "
                             "result. Pick the newer design in the list (Mine) and train that one further.",
                             "이 가중치는 이미 이어서 학습했습니다. 같은 곳에서 시작하면 결과도 같습니다. 목록에서 "
                             "더 새로운 내 설계를 골라 그것을 이어서 학습하세요."),
    # --- end of a kept design trained further ---
    # --- trained further: only a click queues, its end is seen, the picker's entries told apart ---
    "kept.option.mine.further": ("Mine · trained further · finished {time} · {acc:.1%} · {name}",
                                 "내 설계 · 이어서 학습 · {time} 완료 · {acc:.1%} · {name}"),
    "kept.further.training": ("This design is learning again, from the weights shown here.",
                              "이 설계가 여기 보이는 가중치에서 다시 학습하는 중입니다."),
    "kept.further.done": ("Trained further: **{acc:.1%}** (finished at {time}). The new design is in the list "
                          "(Mine · trained further).",
                          "이어서 학습을 마쳤습니다: **{acc:.1%}** ({time} 완료). 새 설계가 목록에 있습니다"
                          "(내 설계 · 이어서 학습)."),
    "kept.further.open": ("Open the design trained further", "이어서 학습한 설계 열기"),
    "queue.further_queued": ("This design is in the queue already, trained further from these weights: wait "
                             "for it.",
                             "이 설계는 이 가중치에서 이어서 학습하려고 이미 대기열에 있습니다. 끝날 때까지 "
                             "기다리세요."),
    # --- end of trained further: only a click ---
    # item settings
    "field.out": ("Output channels", "출력 채널"),
    "field.linear.out": ("Outputs", "출력 개수"),
    "field.kernel": ("Filter size", "필터 크기"),
    "field.stride": ("Stride", "보폭(stride)"),
    "field.padding": ("Padding", "패딩"),
    "field.groups": ("Groups", "그룹"),
    "field.bias": ("Bias", "편향(bias)"),
    "field.eps": ("eps", "eps"),
    "field.slope": ("Negative slope", "음수 기울기"),
    "field.ceil": ("Round up (ceil mode)", "올림 (ceil mode)"),
    "field.size": ("Output side", "출력 한 변"),
    "field.lrn.size": ("Neighbour channels", "이웃 채널 수"),
    "field.alpha": ("alpha", "alpha"),
    "field.beta": ("beta", "beta"),
    "field.k": ("k", "k"),
    "field.p": ("Drop probability p", "드롭 확률 p"),
    "field.block": ("Block", "블록 종류"),
    "field.width": ("Width (middle channels)", "폭 (가운데 채널)"),
    "field.shortcut": ("Shortcut where the shape changes", "모양이 바뀔 때의 지름길"),
    "field.layers": ("Layers", "층 수"),
    "field.growth": ("Growth rate k", "성장률 k"),
    "field.bn_size": ("Bottleneck width (× k)", "병목 폭 (× k)"),
    "field.compression": ("Compression θ", "압축률 θ"),
    "field.c1": ("#1×1", "#1×1"),
    "field.c3r": ("#3×3 reduce", "#3×3 축소"),
    "field.c3": ("#3×3", "#3×3"),
    "field.c5r": ("#5×5 reduce", "#5×5 축소"),
    "field.c5": ("#5×5", "#5×5"),
    "field.pool": ("Pool projection", "풀링 투영"),
    "field.five": ("Kernel of the \"5×5\" branch", "\"5×5\" 가지의 필터 크기"),
    "field.batch_norm": ("Batch norm", "배치 정규화"),
    "choice.basic": ("basic (3×3, 3×3)", "기본 블록 (3×3, 3×3)"),
    "choice.bottleneck": ("bottleneck (1×1, 3×3, 1×1 ×4)", "병목 블록 (1×1, 3×3, 1×1 ×4)"),
    "choice.plain": ("plain (no shortcut)", "지름길 없는(plain) 네트워크"),
    "choice.lecture": ("the lecture's Residual_Block", "강의의 Residual_Block"),
    "choice.projection": ("projection (1×1 conv, option B)", "투영 (1×1 합성곱, 옵션 B)"),
    "choice.zeros": ("zeros added (option A)", "0 채우기 (옵션 A)"),
    # design errors
    "design.err.at": ("Item {n}: {text}", "{n}번 항목: {text}"),
    "design.err.item": ("this item is not a layer or block (it needs a type)", "층이나 블록이 아닙니다 (type이 필요합니다)"),
    "design.err.type": ("there is no item type {value}", "{value}라는 항목 종류는 없습니다"),
    "design.err.field": ("{kind} has no setting {field}", "{kind}에는 {field} 설정이 없습니다"),
    "design.err.choice": ("{field} must be one of {choices}, not {value}", "{field}은(는) {choices} 중 하나여야 합니다 ({value}이(가) 아니라)"),
    "design.err.bool": ("{field} must be true or false, not {value}", "{field}은(는) true 또는 false여야 합니다 ({value}이(가) 아니라)"),
    "design.err.range": ("{field} must be from {low} to {high}, not {value}", "{field}은(는) {low}부터 {high}까지여야 합니다 ({value}이(가) 아니라)"),
    "design.err.not_design": ("this is not a design (it needs a list of items)", "설계가 아닙니다 (항목 목록이 필요합니다)"),
    "design.err.version": ("the design is version {value}; this app reads version {ours}",
                           "설계 버전이 {value}입니다; 이 앱은 버전 {ours}을(를) 읽습니다"),
    "design.err.items": ("a design has at most {high} items, this one has {count}", "설계는 항목이 최대 {high}개인데 {count}개입니다"),
    "design.err.input": ("the input must be [channels, size], not {value}", "입력은 [채널, 크기]여야 합니다 ({value}이(가) 아니라)"),
    "design.err.too_big": ("the design is larger than {high} bytes", "설계가 {high}바이트보다 큽니다"),
    "design.err.not_json": ("the file is not JSON text", "파일이 JSON 텍스트가 아닙니다"),
    "design.err.link_long": ("the link's design is longer than {high} characters", "링크의 설계가 {high}자보다 깁니다"),
    "design.err.link": ("the link's design is damaged or cut off", "링크의 설계가 손상되었거나 잘렸습니다"),
    "design.err.depth": ("{count} weighted layers (convolutions and linear layers); the limit is {high}",
                         "가중치 층(합성곱과 완전 연결)이 {count}개입니다; 한도는 {high}개입니다"),
    "design.err.groups": ("groups={groups} must divide both its input channels ({cin}) and its output channels ({cout})",
                          "groups={groups}은(는) 입력 채널({cin})과 출력 채널({cout})을 모두 나눌 수 있어야 합니다"),
    "design.err.flatten_first": ("a linear layer needs a flat vector: add Flatten (or global pooling and Flatten) before it",
                                 "완전 연결 층에는 펼친 벡터가 필요합니다: 앞에 펼치기(Flatten)를 넣으세요 (또는 전역 풀링과 펼치기)"),
    "design.err.lecture_stride": ("the lecture's Residual_Block keeps the shape: its stride must be 1",
                                  "강의의 Residual_Block은 모양을 유지합니다: 보폭은 1이어야 합니다"),
    "design.err.zeros_shrink": ("option A can only add channels ({cin} → {cout} shrinks): use the projection shortcut",
                                "옵션 A는 채널을 늘리기만 합니다 ({cin} → {cout}은(는) 줄어듭니다): 투영 지름길을 쓰세요"),
    "design.err.zoo_layer": ("the network has a layer the builder does not know ({value})",
                             "빌더가 모르는 층이 있습니다 ({value})"),
    "design.err.params": ("{value} parameters; the limit is {high}: make layers narrower or fewer",
                          "파라미터가 {value}개입니다. 한도는 {high}개: 층을 좁히거나 줄이세요"),
    "design.err.macs": ("{value} MACs; the limit is {high}: use a smaller input or fewer channels",
                        "MACs가 {value}입니다. 한도는 {high}: 입력을 줄이거나 채널을 줄이세요"),
    "design.err.empty": ("the design is empty", "설계가 비어 있습니다"),
}

# Every term the app uses: Korean, English, and a one-line explanation in each. The lecture's
# own terms first (the order of its slides), then the words the app adds (the 용어집 panel,
# app_pages/common.py, shows them in this order).
GLOSSARY: tuple[tuple[str, str, str, str], ...] = (
    ("합성곱", "convolution", "a small filter slides over the image and sums products",
     "작은 필터가 이미지 위를 움직이며 곱한 값을 더하는 연산"),
    ("필터 / 커널", "filter / kernel", "the small grid of learned weights a convolution slides",
     "합성곱이 움직이는 작은 가중치 격자"),
    ("특징 맵", "feature map", "one channel of a layer's output: where a filter responded",
     "층의 출력 중 한 채널: 필터가 반응한 위치"),
    ("채널", "channel", "one of the stacked maps: 3 for RGB; after AlexNet's conv1, 96 in the paper (two GPUs × 48) "
     "but 64 in this app's model (torchvision's, which differs from the paper here)",
     "겹쳐 쌓인 맵 하나: RGB는 3. AlexNet conv1 뒤에는 논문에서 96(GPU 두 개 × 48)이지만, 이 앱의 모델"
     "(torchvision의 AlexNet)에서는 64입니다. 논문과 다른 점입니다."),
    ("보폭 (stride)", "stride", "how many pixels the filter moves at each step",
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
    ("전환 층 (transition)", "transition layer", "BN, 1x1 conv, 2x2 average pool between dense blocks",
     "밀집 블록 사이의 BN, 1x1 합성곱, 2x2 평균 풀링"),
    ("성장률 (k)", "growth rate (k)", "feature maps each dense layer adds",
     "밀집 층 하나가 더하는 특징 맵의 수"),
    ("연결 (concatenate)", "concatenation", "stacking maps along the channel axis (DenseNet, Inception)",
     "채널 방향으로 맵을 이어 붙이기 (DenseNet, Inception)"),
    ("보조 분류기", "auxiliary classifier", "an extra softmax mid-network, used only in training",
     "네트워크 중간의 추가 소프트맥스, 학습할 때만 사용"),
    ("수용 영역", "receptive field", "the input pixels one output value can see",
     "출력 값 하나가 볼 수 있는 입력 픽셀의 범위"),
    ("파라미터", "parameters", "the learned numbers: weights and biases",
     "학습되는 수: 가중치와 편향"),
    ("MACs (곱셈-누산)", "MACs", "multiply-accumulate operations; FLOPs = 2 x MACs",
     "곱하고 더하는 연산의 횟수; FLOPs = 2 × MACs"),
    ("인셉션 모듈", "Inception module", "1x1, 3x3, 5x5 convolutions and a pool side by side, joined",
     "1x1, 3x3, 5x5 합성곱과 풀링을 나란히 두고 이어 붙인 묶음"),
    ("잔차 매핑", "residual mapping", "F(x) + x: the block learns only the change F(x)",
     "F(x) + x: 블록은 바뀌는 부분 F(x)만 배움"),
    ("항등 연결 (x)", "identity (x)", "the input passed on unchanged, to be added to F(x)",
     "F(x)에 더하려고 입력을 그대로 넘기는 길"),
    ("기울기 소실", "vanishing gradient", "gradients shrinking layer by layer toward the input",
     "입력 쪽으로 갈수록 기울기가 점점 작아지는 문제"),
    ("정보 흐름", "information flow", "how directly a layer's output reaches later layers",
     "한 층의 출력이 뒤쪽 층에 얼마나 곧바로 닿는지"),
    # The app's own words.
    ("지름길", "shortcut", "the path that carries x around the block's layers",
     "x를 블록의 층들을 건너 뛰어 보내는 길"),
    ("투영 지름길", "projection shortcut", "a 1x1 convolution on the shortcut where the shape changes",
     "모양이 바뀌는 곳의 지름길에 있는 1x1 합성곱"),
    ("지름길 없는 (plain) 네트워크", "plain network", "the same layers with no shortcuts (ResNet's Figure 1)",
     "지름길만 뺀 같은 층들 (ResNet 그림 1)"),
    ("기본 블록", "basic block (BasicBlock)", "two 3x3 convolutions plus x (ResNet-18, -34)",
     "3x3 합성곱 두 개와 x (ResNet-18, -34)"),
    ("병목 블록", "bottleneck block (Bottleneck)", "1x1 reduce, 3x3, 1x1 expand, plus x (ResNet-50 and up)",
     "1x1로 줄이고 3x3, 1x1로 늘린 뒤 x를 더함 (ResNet-50 이상)"),
    ("밀집 층", "dense layer (DenseLayer)", "BN, ReLU, 1x1, BN, ReLU, 3x3: adds k maps",
     "배치 정규화, ReLU, 1×1, 배치 정규화, ReLU, 3×3: 특징 맵 k개를 더함"),
    ("채널 누적표", "channel tally", "how a dense block's channels grow: c, c + k, c + 2k, ...",
     "밀집 블록의 채널이 늘어나는 모습: c, c + k, c + 2k, ..."),
    ("압축률 (θ)", "compression (θ)", "the share of channels a DenseNet-BC transition keeps",
     "DenseNet-BC의 전환 층이 남기는 채널의 비율"),
    ("단계", "stage", "a run of blocks at one map size (ResNet's layer1 to layer4)",
     "같은 맵 크기의 블록 묶음 (ResNet의 layer1~layer4)"),
    ("가지", "branch", "one of an Inception module's parallel paths", "인셉션 모듈의 나란한 길 하나"),
    ("국소 응답 정규화 (LRN)", "local response normalization", "AlexNet's 2012 normalisation across channels",
     "AlexNet 2012년 논문의 채널 간 정규화"),
    ("배치 정규화 (BN)", "batch normalization", "rescales each channel over a batch to mean 0, spread 1",
     "배치마다 각 채널을 평균 0, 퍼짐 1로 맞춤"),
    ("적응형 평균 풀링", "adaptive average pooling", "averages any map down to a fixed size",
     "어떤 크기의 맵이든 정해진 크기로 평균 내어 줄임"),
    ("펼치기", "flatten", "a C x H x W volume laid out as one row of numbers",
     "C × H × W 묶음을 숫자 한 줄로 늘어놓기"),
    ("그룹 (groups)", "groups", "filters that read only their own share of the input channels",
     "입력 채널 중 자기 몫만 읽는 필터 (AlexNet의 GPU 두 개)"),
    ("기울기", "gradient", "how much the loss changes when a weight changes", "가중치가 바뀔 때 손실이 바뀌는 정도"),
    ("손실", "loss", "how wrong the network's answers are; training lowers it", "네트워크 답이 틀린 정도; 학습이 줄임"),
    ("에폭", "epoch", "one pass over every training picture", "학습 그림 전체를 한 번 도는 것"),
    ("학습률", "learning rate", "how big each training step is", "학습 한 걸음의 크기"),
    ("과적합", "overfitting", "right on training pictures, wrong on new ones", "학습 그림에는 맞고 새 그림에는 틀림"),
    ("1순위 정확도 (top-1)", "top-1 accuracy", "the share of pictures whose first guess is right",
     "첫 번째 답이 맞은 그림의 비율"),
    ("체크포인트", "checkpoint", "a file of trained weights", "학습된 가중치를 담은 파일"),
    ("활성값 메모리", "activation memory", "the numbers every layer's output holds for one picture",
     "그림 한 장에 대해 모든 층의 출력이 차지하는 숫자"),
)


def t(key: str, lang: str = DEFAULT_LANG, /, **values: Any) -> str:
    """The string ``key`` in ``lang`` (``"ko"`` or ``"en"``), with ``values`` filled in.

    A value that is itself ``(key, values)`` is looked up too, in the same language. In Korean
    a value followed by a particle pair (``{p}을(를)``, ``{size}(으)로``) gets the particle its
    sound takes (:func:`particle`): "패딩 2를", "63 x 63으로".
    """
    en, ko = CATALOGUE[key]
    text = ko if lang == "ko" else en
    filled = {k: t(v[0], lang, **v[1]) if isinstance(v, tuple) and len(v) == 2
              and isinstance(v[0], str) and isinstance(v[1], dict) else v
              for k, v in values.items()}
    if not values:
        return text
    if lang == "ko":
        text = _MARKED.sub(lambda m: _with_particle(text, m, filled), text)
    return text.format(**filled)


# --- particles after values --------------------------------------------------------------
# A Korean particle has two forms, chosen by whether the word before it ends in a consonant
# (이/가, 을/를, 은/는, 과/와) or in ㄹ or a vowel (으로/로). After a number or a Latin word
# the choice follows how it is read: 2 is 이 (패딩 2를), 3 is 삼 (63 x 63으로), 10 is 십,
# 100 백, 1000 천, px is 픽셀, ReLU is 렐루, conv3 is 콘브삼.
PAIRS = {"이(가)": ("이", "가"), "을(를)": ("을", "를"), "은(는)": ("은", "는"), "과(와)": ("과", "와"),
         "(으)로": ("으로", "로")}
_MARKED = re.compile(r"\{([^{}]*)\}([\"'”]?)(이\(가\)|을\(를\)|은\(는\)|과\(와\)|\(으\)로)")
# How each digit is read (Sino-Korean): its final sound.
_DIGIT_FINAL = {"0": "ㅇ", "1": "ㄹ", "2": "", "3": "ㅁ", "4": "", "5": "", "6": "ㄱ", "7": "ㄹ", "8": "ㄹ",
                "9": ""}
# A number ending in zeros is read by its last unit: 십 (10), 백, 천, 만 (10^4 to 10^7), 억, 조.
_ZEROS_FINAL = {1: "ㅂ", 2: "ㄱ", 3: "ㄴ", 4: "ㄴ", 5: "ㄴ", 6: "ㄴ", 7: "ㄴ", 8: "ㄱ", 9: "ㄱ", 10: "ㄱ",
                11: "ㄱ", 12: ""}
# Letters as they are spelled out (an acronym, a single letter): L 엘, M 엠, N 엔, R 알.
_LETTER_FINAL = {"L": "ㄹ", "M": "ㅁ", "N": "ㄴ", "R": "ㄹ"}
# Units and words whose reading the spelling does not give.
_READ_AS = {"px": "ㄹ", "mb": "", "mib": "", "kb": "", "gb": "", "gib": "", "%": "", "type": "ㅂ",
            "k": "", "json": "ㄴ", "dict": "", "flops": "", "macs": "", "epoch": "ㄱ", "test": ""}
_SILENT_FINALS = "aeiouyxsdfghjqvwzr"  # a Latin word ending so is read without a final consonant
# A file name's extension, read as its letters or its word: tiny.py 파이, x.pth 피티에이치,
# a.png 피엔지, notes.md 엠디, x.zip 집, a.jpg 제이펙 (a word's own ending would read png as -ng).
_EXTENSION_FINAL = {"py": "", "pt": "", "pth": "", "png": "", "md": "", "txt": "", "csv": "", "pdf": "",
                    "svg": "", "ipynb": "", "zip": "ㅂ", "jpg": "ㄱ", "jpeg": "ㄱ", "json": "ㄴ"}


def _escape(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def _one(field: str, values: dict[str, Any]) -> str:
    return ("{" + field + "}").format(**values)


def _with_particle(text: str, m: re.Match[str], values: dict[str, Any]) -> str:
    """A marked value filled in, with its particle. An empty or parenthesised value (" (패딩 2를
    더하면 63x63)") is read past, to the words before it."""
    value = _one(m.group(1), values)
    heard = re.sub(r"\{[^{}]*\}", "", text[: m.start()]) + value
    return _escape(value) + m.group(2) + particle(heard, m.group(3))


def final_sound(word: str) -> str:
    """The final consonant a word is read with: "" (a vowel), "ㄹ", or another consonant
    ("ㄱ", "ㄴ", ...). A parenthesis at the end ("정규화(LRN)") is read past, to the word
    before it. Digits of any script are read as 0-9: a link's "lang=２２４" (full-width digits)
    crashed the page's warning, and ①, ² and ٤ are 1, 2 and 4."""
    word = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c
                   for c in unicodedata.normalize("NFKC", word)).rstrip()
    while word.endswith(")") and "(" in word:
        head = word[: word.rindex("(")].rstrip()
        if not head:
            word = word[1:-1]
            break
        word = head
    if not word:
        return ""
    last = word[-1]
    if "가" <= last <= "힣":
        return " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"[(ord(last) - 0xAC00) % 28].strip()
    extension = re.search(r"\w\.([A-Za-z]+)$", word)
    if extension and extension.group(1).lower() in _EXTENSION_FINAL:
        return _EXTENSION_FINAL[extension.group(1).lower()]
    tail = re.search(r"[A-Za-z%]+$", word)
    if tail and tail.group(0).lower() in _READ_AS:
        return _READ_AS[tail.group(0).lower()]
    if last in "0123456789":
        digits = re.search(r"[0-9,]+(?:\.[0-9]+)?$", word)
        number = (digits.group(0) if digits else last).replace(",", "")
        if "." in number:
            return _DIGIT_FINAL[number[-1]]
        zeros = len(number) - len(number.rstrip("0"))
        if zeros == 0 or number.strip("0") == "":
            return _DIGIT_FINAL[number[-1]]
        return _ZEROS_FINAL[min(zeros, 12)]
    if tail:
        letters = tail.group(0)
        if len(letters) == 1 or (last.isupper() and letters[-2].isupper()):
            return _LETTER_FINAL.get(last.upper(), "")  # spelled out: MNIST, PNG, LRN, 4c, x
        low = letters.lower()
        if low.endswith("ng"):
            return "ㅇ"
        if low[-1] in "l":
            return "ㄹ"
        if low[-1] in _SILENT_FINALS:
            return ""
        return {"m": "ㅁ", "n": "ㄴ", "k": "ㄱ", "c": "ㄱ", "p": "ㅂ", "b": "ㅂ", "t": "ㅅ"}.get(low[-1], "")
    return ""


def particle(word: str, pair: str) -> str:
    """The form of ``pair`` ("이(가)", "을(를)", "은(는)", "과(와)" or "(으)로") that follows
    ``word`` as it is read."""
    with_final, without = PAIRS[pair]
    final = final_sound(word)
    if pair == "(으)로":
        return without if final in ("", "ㄹ") else with_final
    return with_final if final else without


def number(n: float, lang: str = DEFAULT_LANG) -> str:
    """A large count the way a reader says it: 61.1 M, 714 M, 2.83 G (ko: 6110만, 7.1억)."""
    if lang == "ko":
        if n >= 1e12:  # 2조, not 20000억
            return f"{n / 1e12:.2f}조".replace(".00조", "조")
        if n >= 1e11:  # 2,368억, not 2367.60억
            return f"{n / 1e8:,.0f}억"
        if n >= 1e8:
            return f"{n / 1e8:.2f}억".replace(".00억", "억")
        if n >= 1e4:
            return f"{n / 1e4:,.0f}만" if n >= 1e5 else f"{n / 1e4:.1f}만".replace(".0만", "만")  # 1만, not 1.0만
        return f"{n:,.0f}"
    for unit, scale in (("G", 1e9), ("M", 1e6), ("K", 1e3)):
        if n >= scale:
            return f"{n / scale:.3g} {unit}" if n / scale < 100 else f"{n / scale:,.0f} {unit}"
    return f"{n:,.0f}"


def machine_words(machine: str, lang: str = DEFAULT_LANG) -> str:
    """The machine a reference file names, as ``visualizer.reference.machine`` writes it
    ("AMD EPYC, 2 cores"), with its cores said in ``lang`` ("AMD EPYC, 코어 2개"); the CPU's
    model is a name and stays."""
    return re.sub(r"\b(\d+) cores?$", lambda m: t("ref.cores", lang, n=m.group(1)), machine.strip())


def shape_text(shape: tuple[int, ...]) -> str:
    """``(1, 64, 55, 55)`` as ``64×55×55`` (channels × height × width; batch dropped)."""
    return "×".join(str(d) for d in shape[1:])
