"""A thin, typed wrapper over Binaryen's C API (libbinaryen.so from the
`icpp-binaryen` wheel), through cffi in ABI mode.

Place in the pipeline: the bottom of the backend. `lower_*` modules build
wasm through `Module` here; nothing above the backend sees Binaryen. The
cdef declares exactly the functions we call (signatures from
`src/binaryen-c.h`, Binaryen version_116). `struct BinaryenLiteral` is
declared with the same 24-byte layout but without its anonymous union,
which cffi's ABI mode cannot pass by value.
"""
from __future__ import annotations

import os
import struct
import sys
import tempfile
import threading
from pathlib import Path
from typing import Mapping, NamedTuple, Optional, Sequence

import cffi

# Binary and unary operator getters we use: `BinaryenOp Binaryen<name>(void)`.
OPS = """
AddInt32 SubInt32 MulInt32 AndInt32 OrInt32 XorInt32 ShlInt32 ShrSInt32 ShrUInt32
EqInt32 NeInt32 LtSInt32 LtUInt32 LeSInt32 LeUInt32 GtSInt32 GtUInt32 GeSInt32 GeUInt32 EqZInt32
AddInt64 SubInt64 MulInt64 DivSInt64 DivUInt64 RemSInt64 RemUInt64 AndInt64 OrInt64 XorInt64
ShlInt64 ShrSInt64 ShrUInt64 EqInt64 NeInt64 LtSInt64 LtUInt64 LeSInt64 LeUInt64 GtSInt64
GtUInt64 GeSInt64 GeUInt64 EqZInt64 ClzInt64 CtzInt64
AddFloat64 SubFloat64 MulFloat64 DivFloat64 CopySignFloat64 MinFloat64 MaxFloat64
EqFloat64 NeFloat64 LtFloat64 LeFloat64 GtFloat64 GeFloat64
AbsFloat64 NegFloat64 CeilFloat64 FloorFloat64 TruncFloat64 NearestFloat64 SqrtFloat64
ExtendSInt32 ExtendUInt32 WrapInt64
ConvertSInt64ToFloat64 ConvertUInt64ToFloat64 ConvertSInt32ToFloat64 ConvertUInt32ToFloat64
TruncSFloat64ToInt64 TruncSatSFloat64ToInt64 ReinterpretFloat64 ReinterpretInt64
""".split()

# Features every build may use; SIMD128 and RelaxedSIMD are added per target
# (py2wasm.targets) by `Module(simd=..., relaxed=...)`.
# SIMD128 and relaxed-SIMD operators (backend/lower_simd.py).
SIMD_OPS = """
SplatVecF64x2 SplatVecF32x4 SplatVecI64x2 SplatVecI32x4
ExtractLaneVecF64x2 ExtractLaneVecF32x4 ExtractLaneVecI64x2 ExtractLaneVecI32x4
ReplaceLaneVecF64x2 ReplaceLaneVecF32x4 ReplaceLaneVecI64x2 ReplaceLaneVecI32x4
AddVecF64x2 SubVecF64x2 MulVecF64x2 DivVecF64x2 NegVecF64x2 AbsVecF64x2 SqrtVecF64x2
CeilVecF64x2 FloorVecF64x2 TruncVecF64x2 NearestVecF64x2
EqVecF64x2 NeVecF64x2 LtVecF64x2 LeVecF64x2 GtVecF64x2 GeVecF64x2
AddVecF32x4 SubVecF32x4 MulVecF32x4 DivVecF32x4 NegVecF32x4 AbsVecF32x4 SqrtVecF32x4
CeilVecF32x4 FloorVecF32x4 TruncVecF32x4 NearestVecF32x4
EqVecF32x4 NeVecF32x4 LtVecF32x4 LeVecF32x4 GtVecF32x4 GeVecF32x4
AddVecI64x2 SubVecI64x2 MulVecI64x2 NegVecI64x2
EqVecI64x2 NeVecI64x2 LtSVecI64x2 LeSVecI64x2 GtSVecI64x2 GeSVecI64x2
AddVecI32x4 SubVecI32x4 MulVecI32x4 NegVecI32x4
EqVecI32x4 NeVecI32x4 LtSVecI32x4 LeSVecI32x4 GtSVecI32x4 GeSVecI32x4
AndVec128 OrVec128 XorVec128 NotVec128 BitselectVec128
PromoteLowVecF32x4ToVecF64x2 DemoteZeroVecF64x2ToVecF32x4
Load64ZeroVec128 Store64LaneVec128 Load32ZeroVec128 Load16LaneVec128 Store16LaneVec128
Store32LaneVec128 SplatVecI8x16 Load32x2SVec128 ShlVecI64x2 ShrSVecI64x2
RelaxedFmaVecF64x2 RelaxedFmaVecF32x4
TruncSatZeroSVecF64x2ToVecI32x4 ExtendLowSVecI32x4ToVecI64x2 ConvertLowSVecI32x4ToVecF64x2
AllTrueVecI64x2 AllTrueVecI32x4
""".split()

FEATURES = ("MVP", "Multivalue", "MutableGlobals", "SignExt", "NontrappingFPToInt",
            "BulkMemory")
TARGET_FEATURES = ("SIMD128", "RelaxedSIMD")

CDEF = """
typedef uintptr_t BinaryenType;
typedef uint32_t BinaryenIndex;
typedef int32_t BinaryenOp;
typedef uint32_t BinaryenFeatures;
typedef struct BinaryenModule* BinaryenModuleRef;
typedef struct BinaryenExpression* BinaryenExpressionRef;
typedef struct BinaryenFunction* BinaryenFunctionRef;
typedef struct BinaryenExport* BinaryenExportRef;
typedef struct BinaryenGlobal* BinaryenGlobalRef;
typedef struct Relooper* RelooperRef;
typedef struct RelooperBlock* RelooperBlockRef;
struct BinaryenLiteral { uintptr_t type; uint64_t lo; uint64_t hi; };
typedef struct {
  void* binary;
  size_t binaryBytes;
  char* sourceMap;
} BinaryenModuleAllocateAndWriteResult;

BinaryenType BinaryenTypeNone(void);
BinaryenType BinaryenTypeInt32(void);
BinaryenType BinaryenTypeInt64(void);
BinaryenType BinaryenTypeFloat32(void);
BinaryenType BinaryenTypeFloat64(void);
BinaryenType BinaryenTypeVec128(void);
BinaryenType BinaryenTypeUnreachable(void);
BinaryenType BinaryenTypeAuto(void);
BinaryenType BinaryenTypeCreate(BinaryenType* valueTypes, BinaryenIndex numTypes);

BinaryenModuleRef BinaryenModuleCreate(void);
void BinaryenModuleDispose(BinaryenModuleRef module);
void BinaryenModuleSetFeatures(BinaryenModuleRef module, BinaryenFeatures features);
bool BinaryenModuleValidate(BinaryenModuleRef module);
void BinaryenModuleOptimize(BinaryenModuleRef module);
void BinaryenModuleRunPasses(BinaryenModuleRef module, const char** passes, BinaryenIndex numPasses);
void BinaryenFunctionOptimize(BinaryenFunctionRef func, BinaryenModuleRef module);
BinaryenIndex BinaryenGetNumFunctions(BinaryenModuleRef module);
BinaryenFunctionRef BinaryenGetFunctionByIndex(BinaryenModuleRef module, BinaryenIndex index);
BinaryenFunctionRef BinaryenGetFunction(BinaryenModuleRef module, const char* name);
const char* BinaryenFunctionGetName(BinaryenFunctionRef func);
const char* BinaryenFunctionImportGetModule(BinaryenFunctionRef import);
void BinaryenFunctionRunPasses(BinaryenFunctionRef func, BinaryenModuleRef module, const char** passes, BinaryenIndex numPasses);
void BinaryenSetOptimizeLevel(int level);
void BinaryenSetShrinkLevel(int level);
void BinaryenSetDebugInfo(bool on);
char* BinaryenModuleAllocateAndWriteText(BinaryenModuleRef module);
BinaryenModuleAllocateAndWriteResult BinaryenModuleAllocateAndWrite(BinaryenModuleRef module, const char* sourceMapUrl);
void free(void* ptr);

struct BinaryenLiteral BinaryenLiteralInt32(int32_t x);
struct BinaryenLiteral BinaryenLiteralInt64(int64_t x);
struct BinaryenLiteral BinaryenLiteralFloat64Bits(int64_t x);

BinaryenExpressionRef BinaryenConst(BinaryenModuleRef module, struct BinaryenLiteral value);
BinaryenExpressionRef BinaryenLocalGet(BinaryenModuleRef module, BinaryenIndex index, BinaryenType type);
BinaryenExpressionRef BinaryenLocalSet(BinaryenModuleRef module, BinaryenIndex index, BinaryenExpressionRef value);
BinaryenExpressionRef BinaryenLocalTee(BinaryenModuleRef module, BinaryenIndex index, BinaryenExpressionRef value, BinaryenType type);
BinaryenExpressionRef BinaryenGlobalGet(BinaryenModuleRef module, const char* name, BinaryenType type);
BinaryenExpressionRef BinaryenGlobalSet(BinaryenModuleRef module, const char* name, BinaryenExpressionRef value);
BinaryenExpressionRef BinaryenUnary(BinaryenModuleRef module, BinaryenOp op, BinaryenExpressionRef value);
BinaryenExpressionRef BinaryenBinary(BinaryenModuleRef module, BinaryenOp op, BinaryenExpressionRef left, BinaryenExpressionRef right);
BinaryenExpressionRef BinaryenSelect(BinaryenModuleRef module, BinaryenExpressionRef condition, BinaryenExpressionRef ifTrue, BinaryenExpressionRef ifFalse, BinaryenType type);
BinaryenExpressionRef BinaryenIf(BinaryenModuleRef module, BinaryenExpressionRef condition, BinaryenExpressionRef ifTrue, BinaryenExpressionRef ifFalse);
BinaryenExpressionRef BinaryenBlock(BinaryenModuleRef module, const char* name, BinaryenExpressionRef* children, BinaryenIndex numChildren, BinaryenType type);
BinaryenExpressionRef BinaryenLoop(BinaryenModuleRef module, const char* in, BinaryenExpressionRef body);
BinaryenExpressionRef BinaryenBreak(BinaryenModuleRef module, const char* name, BinaryenExpressionRef condition, BinaryenExpressionRef value);
BinaryenExpressionRef BinaryenCall(BinaryenModuleRef module, const char* target, BinaryenExpressionRef* operands, BinaryenIndex numOperands, BinaryenType returnType);
BinaryenExpressionRef BinaryenReturn(BinaryenModuleRef module, BinaryenExpressionRef value);
BinaryenExpressionRef BinaryenDrop(BinaryenModuleRef module, BinaryenExpressionRef value);
BinaryenExpressionRef BinaryenNop(BinaryenModuleRef module);
BinaryenExpressionRef BinaryenUnreachable(BinaryenModuleRef module);
BinaryenExpressionRef BinaryenTupleMake(BinaryenModuleRef module, BinaryenExpressionRef* operands, BinaryenIndex numOperands);
BinaryenExpressionRef BinaryenTupleExtract(BinaryenModuleRef module, BinaryenExpressionRef tuple, BinaryenIndex index);

BinaryenFunctionRef BinaryenAddFunction(BinaryenModuleRef module, const char* name, BinaryenType params, BinaryenType results, BinaryenType* varTypes, BinaryenIndex numVarTypes, BinaryenExpressionRef body);
void BinaryenAddFunctionImport(BinaryenModuleRef module, const char* internalName, const char* externalModuleName, const char* externalBaseName, BinaryenType params, BinaryenType results);
BinaryenExportRef BinaryenAddFunctionExport(BinaryenModuleRef module, const char* internalName, const char* externalName);
BinaryenExportRef BinaryenAddGlobalExport(BinaryenModuleRef module, const char* internalName, const char* externalName);
BinaryenGlobalRef BinaryenAddGlobal(BinaryenModuleRef module, const char* name, BinaryenType type, bool mutable_, BinaryenExpressionRef init);

RelooperRef RelooperCreate(BinaryenModuleRef module);
RelooperBlockRef RelooperAddBlock(RelooperRef relooper, BinaryenExpressionRef code);
void RelooperAddBranch(RelooperBlockRef from, RelooperBlockRef to, BinaryenExpressionRef condition, BinaryenExpressionRef code);
BinaryenExpressionRef RelooperRenderAndDispose(RelooperRef relooper, RelooperBlockRef entry, BinaryenIndex labelHelper);

BinaryenExpressionRef BinaryenLoad(BinaryenModuleRef module, uint32_t bytes, bool signed_, uint32_t offset, uint32_t align, BinaryenType type, BinaryenExpressionRef ptr, const char* memoryName);
BinaryenExpressionRef BinaryenStore(BinaryenModuleRef module, uint32_t bytes, uint32_t offset, uint32_t align, BinaryenExpressionRef ptr, BinaryenExpressionRef value, BinaryenType type, const char* memoryName);
BinaryenExpressionRef BinaryenSIMDExtract(BinaryenModuleRef module, BinaryenOp op, BinaryenExpressionRef vec, uint8_t index);
BinaryenExpressionRef BinaryenSIMDReplace(BinaryenModuleRef module, BinaryenOp op, BinaryenExpressionRef vec, uint8_t index, BinaryenExpressionRef value);
BinaryenExpressionRef BinaryenSIMDTernary(BinaryenModuleRef module, BinaryenOp op, BinaryenExpressionRef a, BinaryenExpressionRef b, BinaryenExpressionRef c);
BinaryenExpressionRef BinaryenSIMDLoad(BinaryenModuleRef module, BinaryenOp op, uint32_t offset, uint32_t align, BinaryenExpressionRef ptr, const char* name);
BinaryenExpressionRef BinaryenSIMDLoadStoreLane(BinaryenModuleRef module, BinaryenOp op, uint32_t offset, uint32_t align, uint8_t index, BinaryenExpressionRef ptr, BinaryenExpressionRef vec, const char* memoryName);
BinaryenExpressionRef BinaryenSIMDShuffle(BinaryenModuleRef module, BinaryenExpressionRef left, BinaryenExpressionRef right, const uint8_t mask[16]);
BinaryenExpressionRef BinaryenSIMDShift(BinaryenModuleRef module, BinaryenOp op, BinaryenExpressionRef vec, BinaryenExpressionRef shift);
""" + "".join(f"BinaryenOp Binaryen{op}(void);\n" for op in OPS + SIMD_OPS) \
    + "".join(f"BinaryenFeatures BinaryenFeature{f}(void);\n" for f in FEATURES + TARGET_FEATURES)


def _library_path() -> str:
    import icpp_binaryen
    return str(Path(icpp_binaryen.__file__).parent / "lib" / "libbinaryen.so")


ffi = cffi.FFI()
ffi.cdef(CDEF)
lib = ffi.dlopen(_library_path())

NULL = ffi.NULL

# Value types (BinaryenType is a uintptr_t).
none = lib.BinaryenTypeNone()
i32 = lib.BinaryenTypeInt32()
i64 = lib.BinaryenTypeInt64()
f64 = lib.BinaryenTypeFloat64()
v128 = lib.BinaryenTypeVec128()
unreachable_type = lib.BinaryenTypeUnreachable()
auto = lib.BinaryenTypeAuto()


def tuple_type(types: Sequence[int]) -> int:
    """The (multi-value) type of `types`: none, one value type, or a tuple."""
    if len(types) == 0:
        return none
    if len(types) == 1:
        return types[0]
    arr = ffi.new("BinaryenType[]", list(types))
    return lib.BinaryenTypeCreate(arr, len(types))


class Op:
    """Operator ids by Binaryen's names: `Op.AddInt64`."""


for _name in OPS + SIMD_OPS:
    setattr(Op, _name, getattr(lib, "Binaryen" + _name)())

_FEATURE_BITS = 0
for _f in FEATURES:
    _FEATURE_BITS |= getattr(lib, "BinaryenFeature" + _f)()
FEATURES_ENABLED = _FEATURE_BITS  # the mvp target's features
FEATURE_SIMD128 = lib.BinaryenFeatureSIMD128()
FEATURE_RELAXED_SIMD = lib.BinaryenFeatureRelaxedSIMD()

# Binaryen's optimize/shrink levels are process-global: serialize their use.
_global_lock = threading.Lock()

OPT_LEVELS = {"O0": (0, 0), "O1": (1, 0), "O2": (2, 0), "O3": (3, 0), "Os": (2, 1), "Oz": (2, 2)}


class ValidationError(RuntimeError):
    """Binaryen rejected a module we built: an internal error of py2wasm."""


class _CStderr:
    """Capture what C code writes to file descriptor 2 (Binaryen's validator
    prints there)."""

    def __enter__(self):
        sys.stderr.flush()
        self._tmp = tempfile.TemporaryFile()
        self._saved = os.dup(2)
        os.dup2(self._tmp.fileno(), 2)
        return self

    def __exit__(self, *exc):
        os.dup2(self._saved, 2)
        os.close(self._saved)
        self._tmp.seek(0)
        self.text = self._tmp.read().decode("utf-8", "replace")
        self._tmp.close()
        return False


class Module:
    """One Binaryen module under construction. Expression builders return
    `BinaryenExpressionRef`s; names are Python strings (kept alive here,
    since Binaryen interns them anyway)."""

    def __init__(self, *, simd: bool = False, relaxed: bool = False):
        self.ref = lib.BinaryenModuleCreate()
        features = FEATURES_ENABLED
        if simd or relaxed:
            features |= FEATURE_SIMD128
        if relaxed:
            features |= FEATURE_RELAXED_SIMD
        lib.BinaryenModuleSetFeatures(self.ref, features)
        self._keep: list = []

    def dispose(self) -> None:
        if self.ref is not None:
            lib.BinaryenModuleDispose(self.ref)
            self.ref = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.dispose()

    def _s(self, s: Optional[str]):
        if s is None:
            return NULL
        c = ffi.new("char[]", s.encode())
        self._keep.append(c)
        return c

    def _arr(self, exprs: Sequence):
        a = ffi.new("BinaryenExpressionRef[]", list(exprs))
        self._keep.append(a)
        return a

    # --- constants ------------------------------------------------------
    def i32(self, v: int):
        return lib.BinaryenConst(self.ref, lib.BinaryenLiteralInt32(v))

    def i64(self, v: int):
        return lib.BinaryenConst(self.ref, lib.BinaryenLiteralInt64(v))

    def f64(self, v: float):
        bits = struct.unpack("<q", struct.pack("<d", v))[0]
        return lib.BinaryenConst(self.ref, lib.BinaryenLiteralFloat64Bits(bits))

    # --- locals and globals ---------------------------------------------
    def local_get(self, index: int, type: int):
        return lib.BinaryenLocalGet(self.ref, index, type)

    def local_set(self, index: int, value):
        return lib.BinaryenLocalSet(self.ref, index, value)

    def local_tee(self, index: int, value, type: int):
        return lib.BinaryenLocalTee(self.ref, index, value, type)

    def global_get(self, name: str, type: int):
        return lib.BinaryenGlobalGet(self.ref, self._s(name), type)

    def global_set(self, name: str, value):
        return lib.BinaryenGlobalSet(self.ref, self._s(name), value)

    # --- operators ------------------------------------------------------
    def unary(self, op: int, value):
        return lib.BinaryenUnary(self.ref, op, value)

    def binary(self, op: int, left, right):
        return lib.BinaryenBinary(self.ref, op, left, right)

    def select(self, cond, if_true, if_false, type: int = auto):
        return lib.BinaryenSelect(self.ref, cond, if_true, if_false, type)

    # --- SIMD (lower_simd) ------------------------------------------------
    def v128_load(self, ptr, offset: int = 0):
        """v128.load (unaligned) at i32 `ptr` (+ `offset` bytes) of the module's memory."""
        return lib.BinaryenLoad(self.ref, 16, False, offset, 1, v128, ptr, NULL)

    def v128_store(self, ptr, value):
        return lib.BinaryenStore(self.ref, 16, 0, 1, ptr, value, v128, NULL)

    def simd_load(self, op: int, ptr, align: int):
        return lib.BinaryenSIMDLoad(self.ref, op, 0, align, ptr, NULL)

    def simd_store_lane(self, op: int, ptr, vec, lane: int, align: int):
        return lib.BinaryenSIMDLoadStoreLane(self.ref, op, 0, align, lane, ptr, vec, NULL)

    def simd_load_lane(self, op: int, ptr, vec, lane: int, align: int):
        return lib.BinaryenSIMDLoadStoreLane(self.ref, op, 0, align, lane, ptr, vec, NULL)

    def simd_shuffle(self, left, right, mask: Sequence[int]):
        """i8x16.shuffle: byte k of the result is byte mask[k] of left ++ right."""
        m = ffi.new("uint8_t[16]", list(mask))
        self._keep.append(m)
        return lib.BinaryenSIMDShuffle(self.ref, left, right, m)

    def simd_shift(self, op: int, vec, shift):
        return lib.BinaryenSIMDShift(self.ref, op, vec, shift)

    def simd_extract(self, op: int, vec, lane: int):
        return lib.BinaryenSIMDExtract(self.ref, op, vec, lane)

    def simd_replace(self, op: int, vec, lane: int, value):
        return lib.BinaryenSIMDReplace(self.ref, op, vec, lane, value)

    def simd_ternary(self, op: int, a, b, c):
        return lib.BinaryenSIMDTernary(self.ref, op, a, b, c)

    # --- control flow ---------------------------------------------------
    def if_(self, cond, if_true, if_false=None):
        return lib.BinaryenIf(self.ref, cond, if_true, if_false if if_false is not None else NULL)

    def block(self, name: Optional[str], children: Sequence, type: int = auto):
        return lib.BinaryenBlock(self.ref, self._s(name), self._arr(children), len(children), type)

    def loop(self, name: str, body):
        return lib.BinaryenLoop(self.ref, self._s(name), body)

    def br(self, name: str, cond=None, value=None):
        return lib.BinaryenBreak(self.ref, self._s(name), cond if cond is not None else NULL,
                                 value if value is not None else NULL)

    def call(self, target: str, operands: Sequence, result_type: int):
        return lib.BinaryenCall(self.ref, self._s(target), self._arr(operands), len(operands),
                                result_type)

    def return_(self, value=None):
        return lib.BinaryenReturn(self.ref, value if value is not None else NULL)

    def drop(self, value):
        return lib.BinaryenDrop(self.ref, value)

    def nop(self):
        return lib.BinaryenNop(self.ref)

    def unreachable(self):
        return lib.BinaryenUnreachable(self.ref)

    def tuple_make(self, operands: Sequence):
        return lib.BinaryenTupleMake(self.ref, self._arr(operands), len(operands))

    def tuple_extract(self, tuple_expr, index: int):
        return lib.BinaryenTupleExtract(self.ref, tuple_expr, index)

    # --- module items ---------------------------------------------------
    def add_function(self, name: str, params: Sequence[int], results: Sequence[int],
                     var_types: Sequence[int], body):
        vt = ffi.new("BinaryenType[]", list(var_types))
        return lib.BinaryenAddFunction(self.ref, self._s(name), tuple_type(params),
                                       tuple_type(results), vt, len(var_types), body)

    def add_function_import(self, internal: str, module: str, base: str,
                            params: Sequence[int], results: Sequence[int]) -> None:
        lib.BinaryenAddFunctionImport(self.ref, self._s(internal), self._s(module), self._s(base),
                                      tuple_type(params), tuple_type(results))

    def add_function_export(self, internal: str, external: str):
        return lib.BinaryenAddFunctionExport(self.ref, self._s(internal), self._s(external))

    def add_global(self, name: str, type: int, mutable: bool, init):
        return lib.BinaryenAddGlobal(self.ref, self._s(name), type, mutable, init)

    def add_global_export(self, internal: str, external: str):
        return lib.BinaryenAddGlobalExport(self.ref, self._s(internal), self._s(external))

    # --- whole module ---------------------------------------------------
    def validate(self) -> None:
        """Raise ValidationError (with Binaryen's messages) if invalid."""
        with _CStderr() as err:
            ok = lib.BinaryenModuleValidate(self.ref)
        if not ok:
            raise ValidationError("Binaryen rejected the generated module (a py2wasm bug):\n"
                                  + err.text.strip())

    def optimize(self, level: str, custom: Optional[Mapping] = None) -> None:
        """Binaryen's optimizer at `level`. `custom`: function ref (from
        add_function) -> FunctionPipeline, for functions whose size or shape
        makes the default function pipeline super-linear (chosen by
        backend/pipeline.py). Those get their own passes, the others the
        default function pipeline, and the module the default global passes
        around them, with inlining and dead-argument elimination that do not
        re-run the default pipeline on the functions they change; Stack IR
        is generated and optimized per function, except where the pipeline
        says it would cost too much."""
        opt, shrink = OPT_LEVELS[level]
        if opt == 0 and shrink == 0:
            # no optimization, but the Relooper nests every structure that
            # follows another inside a new block: unnamed blocks merged into
            # their parents (the binary is the same; its text, indented by
            # depth, was quadratic in size: 32 MB for 1,000 ifs in a row)
            with _global_lock:
                lib.BinaryenSetOptimizeLevel(0)
                lib.BinaryenSetShrinkLevel(0)
                self._run(("remove-unused-names", "merge-blocks"))
            return
        with _global_lock:
            lib.BinaryenSetOptimizeLevel(opt)
            lib.BinaryenSetShrinkLevel(shrink)
            lib.BinaryenSetDebugInfo(False)
            if not custom:
                lib.BinaryenModuleOptimize(self.ref)
                return
            by_id = {int(ffi.cast("uintptr_t", f)): p for f, p in custom.items()}
            # by name: inlining may remove a function (into its export
            # wrapper, its only caller), and its pointer with it
            by_name = {ffi.string(lib.BinaryenFunctionGetName(f)): p for f, p in custom.items()}
            self._run(GLOBAL_PRE_PASSES)
            for f in self._defined_functions():
                p = by_id.get(int(ffi.cast("uintptr_t", f)))
                if p is not None:
                    self._run(p.passes, f)
                else:
                    lib.BinaryenFunctionOptimize(f, self.ref)
            # dead-argument elimination grows faster than linearly with a
            # large function's calls (2,000 array statements: 5.8 s, 14x the
            # time of 500) and removed nothing in such modules: skipped there
            self._run(("dae", "inlining") if all(p.dae for p in custom.values()) else ("inlining",))
            for name, p in by_name.items():  # what inlining brought in, where it still exists
                f = lib.BinaryenGetFunction(self.ref, name)
                if f != NULL:
                    self._run(p.after_inlining, f)
            self._run(GLOBAL_POST_PASSES)
            for f in self._defined_functions():
                p = by_name.get(ffi.string(lib.BinaryenFunctionGetName(f)))
                if p is None or p.stack_ir:
                    self._run(STACK_IR_PASSES, f)

    def _defined_functions(self) -> list:
        """The functions with a body: an import (the host's str_to_float...)
        has none, and a function pass run on it aborts Binaryen."""
        out = []
        for i in range(lib.BinaryenGetNumFunctions(self.ref)):
            f = lib.BinaryenGetFunctionByIndex(self.ref, i)
            if lib.BinaryenFunctionImportGetModule(f) == NULL:
                out.append(f)
        return out

    def _run(self, passes: Sequence[str], function=None) -> None:
        names = [ffi.new("char[]", p.encode()) for p in passes]
        arr = ffi.new("const char*[]", names)
        if function is None:
            lib.BinaryenModuleRunPasses(self.ref, arr, len(names))
        else:
            lib.BinaryenFunctionRunPasses(function, self.ref, arr, len(names))

    def emit_text(self) -> str:
        p = lib.BinaryenModuleAllocateAndWriteText(self.ref)
        try:
            return ffi.string(p).decode()
        finally:
            lib.free(p)

    def emit_binary(self) -> bytes:
        r = lib.BinaryenModuleAllocateAndWrite(self.ref, NULL)
        try:
            return bytes(ffi.buffer(r.binary, r.binaryBytes))
        finally:
            lib.free(r.binary)
            if r.sourceMap != NULL:
                lib.free(r.sourceMap)


# Binaryen 116's -O2/-O3 pipeline as it runs on our modules (BINARYEN_PASS_DEBUG=1),
# split for Module.optimize(level, custom=...)
GLOBAL_PRE_PASSES = ("duplicate-function-elimination", "memory-packing", "once-reduction")
# the default function pipeline, as BinaryenFunctionOptimize runs it
DEFAULT_FUNCTION_PASSES = (
    "ssa-nomerge", "dce", "remove-unused-names", "remove-unused-brs", "remove-unused-names",
    "optimize-instructions", "pick-load-signs", "precompute-propagate", "code-pushing",
    "simplify-locals-nostructure", "vacuum", "reorder-locals", "remove-unused-brs",
    "merge-locals", "coalesce-locals", "local-cse", "simplify-locals", "vacuum",
    "reorder-locals", "coalesce-locals", "reorder-locals", "vacuum", "code-folding",
    "merge-blocks", "remove-unused-brs", "remove-unused-names", "merge-blocks",
    "precompute-propagate", "optimize-instructions", "rse", "vacuum")
# for a function too large for the default pipeline: code-pushing first, on
# the lowering's 64-statement blocks (cost: statements x branches per block),
# then merge-blocks flattens the Relooper's nesting (which grows with every
# if/loop in sequence: passes that analyse each nested block, and the text,
# would cost size x depth), then the rest; no ssa-nomerge, merge-locals or
# coalesce-locals (the lowering reuses locals: FunctionLowering._var), no rse
# (its cost is basic blocks x locals); precompute for precompute-propagate
# (its LocalGraph: 0.3 s a run on 10,000 statements, and not one byte less
# in the measured large functions: the lowering writes constants at their uses)
LARGE_FUNCTION_PASSES = (
    "dce", "remove-unused-names", "remove-unused-brs", "remove-unused-names",
    "optimize-instructions", "pick-load-signs", "code-pushing",
    "merge-blocks", "remove-unused-brs", "remove-unused-names", "merge-blocks",
    "precompute", "simplify-locals-nostructure", "vacuum", "reorder-locals",
    "remove-unused-brs", "local-cse", "simplify-locals", "vacuum", "reorder-locals",
    "code-folding", "merge-blocks", "remove-unused-brs", "remove-unused-names",
    "precompute", "optimize-instructions", "vacuum")
GLOBAL_POST_PASSES = ("duplicate-function-elimination", "duplicate-import-elimination",
                      "simplify-globals", "remove-unused-module-elements", "reorder-globals",
                      "directize")
STACK_IR_PASSES = ("generate-stack-ir", "optimize-stack-ir")
# after inlining, for a function with many blocks: a clean-up of what came
# in, with no pass built on a LocalGraph (ssa-nomerge, merge-locals,
# precompute-propagate; see for_many_blocks), to run through for_many_blocks
CLEANUP_PASSES = (
    "dce", "remove-unused-names", "remove-unused-brs", "optimize-instructions", "precompute",
    "simplify-locals", "vacuum", "merge-blocks", "remove-unused-brs", "remove-unused-names",
    "vacuum", "reorder-locals")


class FunctionPipeline(NamedTuple):
    """Binaryen passes for one function (Module.optimize's `custom`):
    `passes` first, `after_inlining` once inlining has run, Stack IR
    (whose optimizer builds a LocalGraph) only if `stack_ir`, and the
    module's dead-argument elimination only if every custom pipeline's
    `dae` allows it."""
    passes: tuple
    after_inlining: tuple
    stack_ir: bool = True
    dae: bool = True  # the module's dead-argument elimination may run


def for_many_blocks(passes: Sequence[str]) -> tuple:
    """`passes` for a function with many basic blocks: precompute for
    precompute-propagate, simplify-locals-nostructure for simplify-locals,
    no rse. Binaryen 116's LocalGraph (under precompute-propagate, and Stack
    IR's optimizer) links every local.get to each set that may reach it, and
    after `if c: a += 1` n times in a row (one local, once coalesce-locals has
    merged its versions) the last get is reached by n sets: gets x sets,
    quadratic. simplify-locals gives each such `if` a result and sinks it into
    the next condition: n ifs nest n deep, and every later pass (and the
    text) costs size x depth. rse costs basic blocks x locals. The lowering
    writes constants at their uses already: propagation adds little."""
    swap = {"precompute-propagate": "precompute", "simplify-locals": "simplify-locals-nostructure"}
    return tuple(swap.get(p, p) for p in passes if p != "rse")


def without_code_pushing(passes: Sequence[str]) -> tuple:
    """`passes` without code-pushing: once merge-blocks has flattened a
    function, its blocks are as long as the function, and code-pushing costs
    statements x conditional branches per block."""
    return tuple(p for p in passes if p != "code-pushing")


class Relooper:
    """Binaryen's Relooper: blocks of code plus branches -> structured code."""

    def __init__(self, module: Module):
        self.module = module
        self.ref = lib.RelooperCreate(module.ref)

    def add_block(self, code):
        return lib.RelooperAddBlock(self.ref, code)

    def add_branch(self, frm, to, cond=None, code=None) -> None:
        lib.RelooperAddBranch(frm, to, cond if cond is not None else NULL,
                              code if code is not None else NULL)

    def render(self, entry, label_helper: int):
        out = lib.RelooperRenderAndDispose(self.ref, entry, label_helper)
        self.ref = None
        return out
