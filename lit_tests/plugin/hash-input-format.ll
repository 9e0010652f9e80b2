; The content hash's input is a format kept byte for byte (docs/design.md,
; "The hash input is a format"): a process built by one version of hcc is
; patched by the next, whose plugin must compute the same hashes for the
; same code.  The values below were computed by the plugin before the
; hasher numbered locals in the walk that hashes them (hotpatch at
; dd3dcf6), and checked equal to the one after; they pin the numbering of
; locals the walk reaches late: a block used before its place in the
; function, a value defined in a block laid out after its user, phis of
; later values and of themselves, and switch targets.
;
; RUN: %opt -passes=hotpatch-instrument,hotpatch-finalize -hotpatch-module-id=m.c -S %s | FileCheck %s
; CHECK: c"hotpatch-module 2 9cbf14fb5aebc1a66114cd7aa961886e m.c\0Afunction cd4f03d7106e1351ace7e1cd068ef2a5 0 later_blocks\0Afunction 56990263d9d8eba6bef16f1f187b3e5a 1 m.c:straight\0Aend\0A\00"

define i32 @later_blocks(i32 %n, ptr %p) {
entry:
  %c = icmp sgt i32 %n, 0
  br i1 %c, label %defines, label %exit

uses:                                   ; placed before the block it follows
  %sum = add i32 %v, %n
  store i32 %sum, ptr %p, align 4
  br label %loop

defines:
  %v = load i32, ptr %p, align 4
  br label %uses

loop:
  %i = phi i32 [ 0, %uses ], [ %next, %loop ]
  %acc = phi i32 [ %sum, %uses ], [ %acc.next, %loop ]
  %self = phi i32 [ 1, %uses ], [ %self, %loop ]
  %acc.next = add i32 %acc, %self
  %next = add i32 %i, 1
  %done = icmp eq i32 %next, %n
  br i1 %done, label %exit, label %loop

exit:
  %r = phi i32 [ 0, %entry ], [ %acc.next, %loop ]
  switch i32 %r, label %other [ i32 1, label %one
                                i32 2, label %two ]
one:
  ret i32 10
two:
  ret i32 20
other:
  ret i32 %r
}

define internal i32 @straight(i32 %x) {
  %a = mul i32 %x, 3
  %b = add i32 %a, %x
  ret i32 %b
}
